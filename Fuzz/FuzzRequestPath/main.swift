// libFuzzer target (see `make fuzz`); the work is in EntryPoints.swift, shared with FuzzRegressionTests.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzEntryPoints.requestPath(UnsafeBufferPointer(start: data, count: size))
    return 0
}

// SwiftPM links an executable's `main` to this file's top-level code, so libFuzzer's own `main`
// is never pulled in: start its driver from here.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv, fuzz))
