// Command-line options: `--name value` pairs and `--flag` switches.

import PlacerCore

/// A malformed command line (exit 64).
struct UsageError: Error {
  var message: String
}

/// A file named on the command line that is missing or unreadable (exit 66).
struct UnreadableFileError: Error {
  var message: String
}

/// The parsed arguments of one subcommand.
struct Options {
  /// Option name (without dashes) -> values, in order given.
  private(set) var values: [String: [String]] = [:]
  private(set) var switches: Set<String> = []
  private(set) var positional: [String] = []

  /// Parses `arguments`; `valued` and `flags` list the accepted names.
  init(_ arguments: [String], valued: Set<String>, flags: Set<String>)
    throws(UsageError)
  {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index] == "-h" ? "--help" : arguments[index]
      index += 1
      guard argument.hasPrefix("--") else {
        positional.append(argument)
        continue
      }
      var name = String(argument.dropFirst(2))
      var inline: String?
      if let equals = name.firstIndex(of: "=") {
        inline = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if flags.contains(name) && inline == nil {
        switches.insert(name)
      } else if valued.contains(name) {
        let value: String
        if let inline {
          value = inline
        } else {
          guard index < arguments.count else {
            throw UsageError(message: "--\(name) needs a value")
          }
          value = arguments[index]
          index += 1
        }
        // No option takes an empty value; '--out ""' is an unset variable.
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
          throw UsageError(message: "--\(name) needs a value, got ''")
        }
        values[name, default: []].append(value)
      } else {
        var message = "unknown option '--\(name)'"
        let known = (valued.union(flags)).sorted()
        if let near = nearestName(to: name, among: known) {
          message += "; did you mean '--\(near)'?"
        }
        throw UsageError(message: message)
      }
    }
  }

  func value(_ name: String) -> String? { values[name]?.last }
  func all(_ name: String) -> [String] { values[name] ?? [] }
  func has(_ name: String) -> Bool { switches.contains(name) }

  /// A required value.
  func required(_ name: String) throws(UsageError) -> String {
    guard let value = value(name) else {
      throw UsageError(message: "missing --\(name)")
    }
    return value
  }

  /// An integer value in `range`, if given.
  func integer(_ name: String, in range: ClosedRange<Int>)
    throws(UsageError) -> Int?
  {
    guard let text = value(name) else { return nil }
    guard let number = Int(text), range.contains(number) else {
      throw UsageError(
        message: "--\(name) expects an integer from \(range.lowerBound) to "
          + "\(range.upperBound), got '\(text)'")
    }
    return number
  }

  /// A number value in `range`, if given.
  func number(_ name: String, in range: ClosedRange<Double>)
    throws(UsageError) -> Double?
  {
    guard let text = value(name) else { return nil }
    guard let number = Double(text), number.isFinite, range.contains(number)
    else {
      throw UsageError(
        message: "--\(name) expects a number from \(range.lowerBound) to "
          + "\(range.upperBound), got '\(text)'")
    }
    return number
  }

  /// One of an enumeration's raw values, if given.
  func choice<T: RawRepresentable & CaseIterable>(_ name: String)
    throws(UsageError) -> T? where T.RawValue == String
  {
    guard let text = value(name) else { return nil }
    guard let value = T(rawValue: text) else {
      let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError(
        message: "--\(name) expects one of \(allowed), got '\(text)'")
    }
    return value
  }
}

/// What a subcommand needs before it runs: its options and configuration,
/// or the exit code when parsing stopped (help printed or usage error).
enum ParsedCommand {
  case run(Options, RunConfiguration)
  case exit(ExitCode)

  /// Parses `arguments` for `command`; prints help or usage errors.
  static func parse(
    _ arguments: [String],
    command: String,
    valued: Set<String>,
    flags: Set<String>,
    required: [String],
    help: String,
    console: inout Console
  ) -> ParsedCommand {
    do {
      let options = try Options(arguments, valued: valued, flags: flags)
      if options.has("help") {
        print(help)
        return .exit(.success)
      }
      // No command takes operands: a stray word is a mistyped option or a
      // missing `--name` (e.g. `--learners a.csv b.csv`), not to be ignored.
      if let stray = options.positional.first {
        throw UsageError(message: "unexpected argument '\(stray)'")
      }
      console.quiet = options.has("quiet")
      console.verbose = options.has("verbose")
      let configuration = try AllocateCommand.makeConfiguration(options)
      for name in required { _ = try options.required(name) }
      return .run(options, configuration)
    } catch let error as UsageError {
      console.error(error.message)
      console.error("see 'placer \(command) --help'")
    } catch let error as UnreadableFileError {
      console.error(error.message)
      return .exit(.noInput)
    } catch {
      console.error("\(error)")
    }
    return .exit(.usage)
  }
}
