// Shared by every fuzz target (each folder links to this file).
import Foundation

// SwiftPM links an executable's `main` to the target's top-level code, so libFuzzer's own `main`
// is never pulled in: each target starts its driver with `runFuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                             _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// Runs libFuzzer with `test` (the target's `LLVMFuzzerTestOneInput`) and exits with its status.
func runFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, test))
}
