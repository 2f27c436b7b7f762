// Atomic writes of whole files: under a temporary name beside the final one, flushed to the disk and renamed, so
// that readers never see half a file and a failed write leaves an earlier file as it was.
#pragma once

#include <cstddef>
#include <string>

namespace lodestone {

/** \brief Writes text to path through a temporary file and a rename, so readers never see half a file. */
void writeTextFileAtomically(const std::string &path, const std::string &text);

/** \brief Writes size bytes to path atomically: under temporaryPathFor(path), flushed to the disk and renamed.
 *  A failure (e.g. a full disk) removes the temporary file, leaves an earlier path as it was and throws
 *  Error(WriteFailed) naming the final file (finalPathOf(path)). */
void writeFileAtomically(const std::string &path, const void *data, std::size_t size);

} // namespace lodestone
