// Model files (loadModel: the zip archive's checksums, LibTorch's archive, the model description, the classifier
// and the settings inside it) for the 16 x 12 survey of fuzzinput.h. Seeds: a model.pt from a short run written by
// lodestone-fuzz-seeds, and the model files of tests/core/data.
//
// Lodestone checks the CRC-32 of every entry before LibTorch parses the archive, so nearly every plain mutation of
// a stored entry ends there. Half of the mutations therefore rewrite the checksums of the tensor entries
// (archive/data/<n>: the weights, the model description, the classifier and the settings) to match their new
// content, which takes the fuzzer past that check into Lodestone's reading of what they hold. The entries of
// LibTorch's own structure (data.pkl, code/, constants.pkl, version) keep their checksums, so damage to them stays
// refused by the check: LibTorch 1.13's TorchScript parser crashes on some such files when their checksums are
// made to match (a SEGV in torch::jit::ScriptTypeParser::parseClassConstant), which only a deliberately crafted
// file can reach (docs/TESTING.md).
#include "fuzzinput.h"
#include "pipeline.h"

#include <zlib.h>

using namespace lodestone;

namespace {

std::uint32_t get(const std::uint8_t *data, std::size_t size, std::size_t at, int bytes, bool &ok)
{
    if (at > size || size - at < std::size_t(bytes)) {
        ok = false;
        return 0;
    }
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = v << 8 | data[at + std::size_t(i)];
    return v;
}

void put32(std::uint8_t *data, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        data[at + std::size_t(i)] = std::uint8_t(v >> (8 * i));
}

/** Tensor entries: "<archive>/data/<digits>". */
bool isTensorEntry(const std::uint8_t *name, std::size_t length)
{
    const std::string n(reinterpret_cast<const char *>(name), length);
    const std::size_t at = n.find("/data/");
    return at != std::string::npos && at + 6 < n.size() &&
           n.find_first_not_of("0123456789", at + 6) == std::string::npos;
}

/** Sets the CRC-32 of every stored (uncompressed) tensor entry, in the central directory and the local header, to
 *  that of its content. Leaves anything it cannot follow as it is. */
void fixChecksums(std::uint8_t *data, std::size_t size)
{
    if (size < 22)
        return;
    bool ok = true;
    std::size_t eocd = size - 22;
    const std::size_t lowest = size > 22 + 65535 ? size - 22 - 65535 : 0;
    while (get(data, size, eocd, 4, ok) != 0x06054b50u) {
        if (eocd == lowest)
            return;
        --eocd;
    }
    const std::uint32_t entries = get(data, size, eocd + 10, 2, ok);
    std::size_t at = get(data, size, eocd + 16, 4, ok);
    for (std::uint32_t i = 0; i < entries && ok; ++i) {
        if (get(data, size, at, 4, ok) != 0x02014b50u)
            return;
        const std::uint32_t method = get(data, size, at + 10, 2, ok), stored = get(data, size, at + 20, 4, ok);
        const std::size_t local = get(data, size, at + 42, 4, ok);
        const std::size_t central = at, nameLength = get(data, size, at + 28, 2, ok);
        at += 46 + nameLength + get(data, size, at + 30, 2, ok) + get(data, size, at + 32, 2, ok);
        if (!ok || central + 46 + nameLength > size || !isTensorEntry(data + central + 46, nameLength) || method != 0 ||
            get(data, size, local, 4, ok) != 0x04034b50u)
            continue;
        const std::size_t begin = local + 30 + get(data, size, local + 26, 2, ok) + get(data, size, local + 28, 2, ok);
        if (!ok || begin > size || size - begin < stored)
            continue;
        const auto crc = std::uint32_t(crc32(crc32(0L, Z_NULL, 0), data + begin, uInt(stored)));
        put32(data, central + 16, crc);
        put32(data, local + 14, crc);
    }
}

} // namespace

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t *data, std::size_t size, std::size_t maxSize);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t *data, std::size_t size, std::size_t maxSize,
                                               unsigned int seed)
{
    size = LLVMFuzzerMutate(data, size, maxSize);
    if (seed % 2 == 0)
        fixChecksums(data, size);
    return size;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::initGdal();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string path = fuzz::writeInput(data, size, ".pt");
    fuzz::expectReadOrError(path, [](const std::string &p) { loadModel(p, fuzz::survey()); });
    return 0;
}
