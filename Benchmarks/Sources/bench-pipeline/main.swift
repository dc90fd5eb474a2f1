// bench-pipeline: placeholder until its issue's benchmark lands (see ../../README.md).
import BenchSupport

print("bench-pipeline: not written yet")
