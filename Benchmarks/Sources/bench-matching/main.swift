// bench-matching: placeholder until its issue's benchmark lands (see ../../README.md).
import BenchSupport

print("bench-matching: not written yet")
