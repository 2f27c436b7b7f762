// The LibTorch module behind Autoencoder. Private to core: included only by the translation units that
// already pay for torch/torch.h (autoencoder.cpp, densefeatures.cpp).
#pragma once

#include <torch/torch.h>

#include <array>

namespace lodestone {

namespace F = torch::nn::functional;

/** The autoencoder for c input channels (one per input layer) and filters f: e1 reads the c channels, d3
 *  reconstructs them. */
struct NetImpl : torch::nn::Module {
    NetImpl(const std::array<int, 3> &f, int c)
        : e1(register_module("e1", torch::nn::Conv2d(torch::nn::Conv2dOptions(c, f[0], 3).padding(1)))),
          e2(register_module("e2", torch::nn::Conv2d(torch::nn::Conv2dOptions(f[0], f[1], 3).padding(1)))),
          e3(register_module("e3", torch::nn::Conv2d(torch::nn::Conv2dOptions(f[1], f[2], 3).padding(1)))),
          d1(register_module("d1", torch::nn::Conv2d(torch::nn::Conv2dOptions(f[2], f[2], 3).padding(1)))),
          d2(register_module("d2", torch::nn::Conv2d(torch::nn::Conv2dOptions(f[2], f[0], 3).padding(1)))),
          d3(register_module("d3", torch::nn::Conv2d(torch::nn::Conv2dOptions(f[0], c, 3).padding(1))))
    {
    }

    std::array<torch::Tensor, 3> encode(const torch::Tensor &x)
    {
        auto a1 = torch::relu(e1(x));
        auto a2 = torch::relu(e2(F::max_pool2d(a1, F::MaxPool2dFuncOptions(2))));
        auto a3 = torch::relu(e3(F::max_pool2d(a2, F::MaxPool2dFuncOptions(2).ceil_mode(true))));
        return {a1, a2, a3};
    }

    torch::Tensor forward(const torch::Tensor &x)
    {
        const int64_t p = x.size(-1);
        auto y = torch::relu(d1(encode(x)[2]));
        y = F::interpolate(y,
                           F::InterpolateFuncOptions().size(std::vector<int64_t>{p / 2, p / 2}).mode(torch::kNearest));
        y = torch::relu(d2(y));
        y = F::interpolate(y, F::InterpolateFuncOptions().size(std::vector<int64_t>{p, p}).mode(torch::kNearest));
        return torch::sigmoid(d3(y));
    }

    torch::nn::Conv2d e1, e2, e3, d1, d2, d3;
};
TORCH_MODULE(Net);

class Autoencoder;

/** \brief Access to the module of an Autoencoder, for the dense feature path. */
struct AutoencoderAccess {
    static Net &net(const Autoencoder &model);
};

} // namespace lodestone
