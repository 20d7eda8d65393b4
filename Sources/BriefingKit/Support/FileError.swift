import Foundation

/// A failed file-system call, said in words with the path it concerned (never a Cocoa error code).
struct FileError: Error, Sendable, CustomStringConvertible {
    var path: String
    var code: Int32

    /// `code` defaults to the calling thread's `errno`, so build it right after the failing call.
    init(_ path: String, code: Int32 = errno) {
        self.path = path
        self.code = code
    }

    /// What happened, in words a user can act on.
    var reason: String {
        switch code {
        case ENOSPC: "no space left on the device"
        case EDQUOT: "the disk quota is used up"
        case ENAMETOOLONG: "a name is too long (a file or folder name can have at most 255 bytes)"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOENT: "no such file or folder"
        case ENOTDIR: "a part of the path is a file, not a folder"
        case EISDIR: "it is a folder"
        case ELOOP: "too many symbolic links"
        case EMFILE, ENFILE: "too many open files"
        case EXDEV: "it is on another file system"
        case EBUSY: "it is in use (a mount point?)"
        case EIO: "input/output error (a failing disk?)"
        default: String(cString: strerror(code)).lowercased()
        }
    }

    /// From an error Foundation threw for `path`: its underlying POSIX code where it has one.
    init(_ path: String, from error: any Error) {
        let error = error as NSError
        let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
        if error.domain == NSPOSIXErrorDomain {
            self.init(path, code: Int32(error.code))
        } else if let underlying, underlying.domain == NSPOSIXErrorDomain {
            self.init(path, code: Int32(underlying.code))
        } else {
            // Foundation reports some failures by its own codes only.
            let codes: [CocoaError.Code: Int32] = [
                .fileWriteOutOfSpace: ENOSPC, .fileWriteNoPermission: EACCES, .fileReadNoPermission: EACCES,
                .fileWriteVolumeReadOnly: EROFS, .fileNoSuchFile: ENOENT, .fileReadNoSuchFile: ENOENT,
                .fileWriteFileExists: EEXIST, .fileWriteInvalidFileName: ENAMETOOLONG,
            ]
            self.init(path, code: error.domain == NSCocoaErrorDomain ? codes[CocoaError.Code(rawValue: error.code)] ?? EIO : EIO)
        }
    }

    var description: String { "\(path): \(reason)" }
}
