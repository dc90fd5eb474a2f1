// bench-parse: placeholder until its issue's benchmark lands (see ../../README.md).
import BenchSupport

print("bench-parse: not written yet")
