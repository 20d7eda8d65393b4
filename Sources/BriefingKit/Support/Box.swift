/// A value behind a reference: handed out of a task that runs on another thread (written there,
/// read once the work is joined), or kept as `AnyObject` where casting back must be cheap.
final class Box<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) { self.value = value }
}
