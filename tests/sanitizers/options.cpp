// Default options of the sanitizers in a LODESTONE_SANITIZE build, compiled into every executable (the sanitizer
// runtimes call these hooks at start-up). ASAN_OPTIONS, LSAN_OPTIONS and UBSAN_OPTIONS set in the environment are
// read after them and win.

extern "C" {

const char *__asan_default_options()
{
    return "detect_leaks=1";
}

// Leak checking, with LibTorch's own leaks suppressed (lsan.supp says which and why).
const char *__lsan_default_options()
{
    return "suppressions=" LODESTONE_LSAN_SUPPRESSIONS;
}

// The first report ends the program with a stack.
const char *__ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1";
}
}
