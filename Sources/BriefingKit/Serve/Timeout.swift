import Foundation

/// The operation did not finish in time.
struct TimeoutError: Error {}

/// Runs `operation`, cancelling it after `seconds`. Socket waits in FlyingSocks end on
/// cancellation, so a client that stops sending or reading frees its connection.
func withTimeout<T: Sendable>(_ seconds: TimeInterval, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TimeoutError() }
        return value
    }
}
