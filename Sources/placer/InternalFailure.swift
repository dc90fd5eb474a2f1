// Exit code 1 for internal failures (a broken invariant), as the exit-code
// table promises, instead of a bare signal.

import Foundation

/// Makes a trap (Swift's runtime checks, `precondition`, `fatalError`) or a
/// memory fault end the process with exit code 1 and one line on stderr.
///
/// Output is staged in a hidden folder beside `--out` and renamed into
/// place only when complete, so `--out` itself never exists half-written;
/// the staging folder (`.NAME.tmp-PID`) may be left behind and can be
/// deleted. The handler calls only `write` and `_exit`, which are safe in
/// a signal handler.
func exitOneOnInternalFailure() {
  for signalNumber in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE] {
    signal(signalNumber) { _ in
      let message: StaticString = """
        placer: internal failure: this is a bug in placer; please report \
        the command and its input files. --out was not written (a hidden \
        '.NAME.tmp-PID' staging folder beside it may remain and can be \
        deleted)

        """
      _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
      _exit(1)
    }
  }
}
