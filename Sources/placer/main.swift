// placer: read options, call PlacerCore, print, exit.

import Foundation
import PlacerCore

let usage = """
  USAGE: placer <command> [options]

  COMMANDS:
    allocate   score, build preference lists and compute a stable allocation
    check      judge an allocation file: validity and every blocking pair
    diagnose   before a run: who has no eligible listing and why, seats
               against demand, preferences that cannot be honoured
    generate   write a synthetic market of any size
  Run 'placer <command> --help' for a command's options.
  'placer --version' prints the version.
  """

exitOneOnInternalFailure()
// Lets the test suite check the exit code of an internal failure.
if ProcessInfo.processInfo.environment["PLACER_TEST_INTERNAL_FAILURE"] == "1" {
  fatalError("internal failure requested by PLACER_TEST_INTERNAL_FAILURE")
}
var console = Console()
let arguments = Array(CommandLine.arguments.dropFirst())
let code: ExitCode
switch arguments.first {
case "allocate":
  code = AllocateCommand.run(Array(arguments.dropFirst()), console: &console)
case "check":
  code = CheckCommand.run(Array(arguments.dropFirst()), console: &console)
case "diagnose":
  code = DiagnoseCommand.run(Array(arguments.dropFirst()), console: &console)
case "generate":
  code = GenerateCommand.run(Array(arguments.dropFirst()), console: &console)
case "--version", "version":
  print("placer \(placerVersion)")
  code = .success
case "--help", "-h", "help":
  print(usage)
  code = .success
case nil:
  print(usage)
  code = .usage
case let other?:
  console.error("unknown command '\(other)'")
  print(usage)
  code = .usage
}
exit(code.rawValue)
