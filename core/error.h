// Error type of the core library: one message that names the file and what is wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace lodestone {

/** \brief Error codes, so that callers can react without parsing messages. */
enum class ErrorCode {
    FileNotFound,
    NotARaster,
    BadBand,
    EmptyData,
    GridMismatch,
    BadLabels,
    BadPoints,
    TooFewLabels,
    BadParameter,
    BadModel,
    WriteFailed,
    TooLarge, ///< the data would not fit in the memory of this machine
    Internal,
};

/** \brief Exception thrown by core for bad input or failed I/O; what() is a complete English sentence. */
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string &message) : std::runtime_error(message), m_code(code) {}
    ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

} // namespace lodestone
