// libFuzzer target (see `make fuzz`); the work is in EntryPoints.swift, shared with FuzzRegressionTests.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzEntryPoints.frontMatter(UnsafeBufferPointer(start: data, count: size))
    return 0
}

runFuzzer(fuzz)
