// An order-preserving map computed on every core.

import Dispatch
import Foundation

/// `items.map(transform)`, with the items shared out among one worker per
/// core in consecutive runs; the result is in `items` order, the same as
/// the sequential map whatever the number of cores.
func parallelMap<T: Sendable, U>(
  _ items: [T],
  minimumRun: Int = 256,
  _ transform: @Sendable (T) -> U
) -> [U] {
  let workers = ProcessInfo.processInfo.activeProcessorCount
  let run = max(minimumRun, (items.count + 8 * workers - 1) / (8 * workers))
  guard workers > 1, items.count > run else { return items.map(transform) }
  let runs = (items.count + run - 1) / run
  return [U](unsafeUninitializedCapacity: items.count) { buffer, count in
    let slots = UncheckedSlots(base: buffer.baseAddress!)
    DispatchQueue.concurrentPerform(iterations: runs) { r in
      for k in (r * run)..<min(items.count, (r + 1) * run) {
        (slots.base + k).initialize(to: transform(items[k]))
      }
    }
    count = items.count
  }
}

/// Result memory that workers initialize, each at its own indices.
private struct UncheckedSlots<U>: @unchecked Sendable {
  let base: UnsafeMutablePointer<U>
}
