// Dense feature rasters: the encoder run fully convolutionally over the grid, per pooling phase.
#include "autoencoder.h"
#include "autoencodernet.h"
#include "error.h"
#include "featurerasters.h"
#include "feedback.h"
#include "patches.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lodestone {

namespace {

/** Where, along one axis, the patch-wise stitch reads a layer of stride r and size s (patch size p):
 *  grid cell k = (q - phase) / r + shift, with the patch offset u of the reading averaged to (p - 1) / 2. */
double layerShift(int p, int s, int r)
{
    const double scale = double(s) / double(p);
    return 0.5 * (p - 1) * (scale - 1.0 / r) + 0.5 * scale - 0.5;
}

struct AxisSample {
    std::vector<int> i0, i1;
    std::vector<float> t;
};

/** Bilinear sample positions along an axis of n output pixels reading a grid of size m. */
AxisSample axisSamples(int n, int offset, int phase, int r, double shift, int m)
{
    AxisSample a;
    a.i0.resize(n);
    a.i1.resize(n);
    a.t.resize(n);
    for (int q = 0; q < n; ++q) {
        double k = double(q + offset - phase) / r + shift;
        k = std::clamp(k, 0.0, double(m - 1));
        const int i = int(std::floor(k));
        a.i0[q] = i;
        a.i1[q] = std::min(i + 1, m - 1);
        a.t[q] = float(k - i);
    }
    return a;
}

/** Adds weight * bilinear samples of a [channels, h, w] activation into output planes firstPlane.. for the
 *  output rows [0, rows) of the strip starting at global row y0, full width. */
void accumulate(const torch::Tensor &act, int firstPlane, float weight, const AxisSample &ys, const AxisSample &xs,
                FeatureRasters &out, int y0, int rows)
{
    const torch::Tensor a = act.squeeze(0).contiguous();
    const int channels = int(a.size(0)), h = int(a.size(1)), w = int(a.size(2));
    const float *base = a.data_ptr<float>();
    const int width = out.width;
    (void)h;
    for (int c = 0; c < channels; ++c) {
        const float *plane = base + std::size_t(c) * h * w;
        float *dst = out.plane(firstPlane + c);
        for (int y = 0; y < rows; ++y) {
            const float *r0 = plane + std::size_t(ys.i0[y]) * w;
            const float *r1 = plane + std::size_t(ys.i1[y]) * w;
            const float ty = ys.t[y];
            float *o = dst + std::size_t(y0 + y) * width;
            for (int x = 0; x < width; ++x) {
                const float tx = xs.t[x];
                const float top = r0[xs.i0[x]] + tx * (r0[xs.i1[x]] - r0[xs.i0[x]]);
                const float bottom = r1[xs.i0[x]] + tx * (r1[xs.i1[x]] - r1[xs.i0[x]]);
                o[x] += weight * (top + ty * (bottom - top));
            }
        }
    }
}

} // namespace

FeatureRasters denseFeatures(const Autoencoder &model, const NormalizedImage &image, const std::vector<uint8_t> &valid,
                             Feedback *feedback, int tileRows)
{
    const int p = model.params().patchSize;
    const auto &f = model.params().filters;
    const int w = image.width, h = image.height;
    if (p > w || p > h)
        throw Error(ErrorCode::BadParameter, "The patch size (" + std::to_string(p) + ") is larger than the survey (" +
                                                 std::to_string(w) + " x " + std::to_string(h) + ").");
    const int s2 = p / 2, s3 = (s2 + 1) / 2;  // layer sizes in a patch: floor pooling, then ceil pooling
    const double shift2 = layerShift(p, s2, 2), shift3 = layerShift(p, s3, 4);
    const int margin = 32;  // beyond the encoder's receptive field; a multiple of 4 keeps phases aligned
    tileRows = std::max(16, tileRows);

    FeatureRasters out;
    out.width = w;
    out.height = h;
    out.count = model.featureCount();
    out.names = model.featureNames();
    out.data.assign(std::size_t(out.count) * w * h, 0.0f);

    Net &net = AutoencoderAccess::net(model);
    torch::NoGradGuard noGrad;
    const int cols = w + 2 * margin;
    for (int y0 = 0; y0 < h; y0 += tileRows) {
        checkCanceled(feedback);
        const int rows = std::min(tileRows, h - y0);
        const int tileH = rows + 2 * margin;
        torch::Tensor tile = torch::empty({1, 1, tileH, cols}, torch::kFloat32);
        float *t = tile.data_ptr<float>();
        for (int i = 0; i < tileH; ++i) {
            const float *src = image.data.data() + std::size_t(reflectIndex(y0 - margin + i, h)) * w;
            float *dst = t + std::size_t(i) * cols;
            for (int j = 0; j < cols; ++j)
                dst[j] = src[reflectIndex(j - margin, w)];
        }
        // Tile coordinates: output row y sits at tile row y - y0 + margin; column x at x + margin.
        const torch::Tensor a1 = torch::relu(net->e1(tile));
        {
            const AxisSample ys = axisSamples(rows, margin, 0, 1, 0.0, tileH);
            const AxisSample xs = axisSamples(w, margin, 0, 1, 0.0, cols);
            accumulate(a1, 0, 1.0f, ys, xs, out, y0, rows);
        }
        for (int py = 0; py < 2; ++py)
            for (int px = 0; px < 2; ++px) {
                const torch::Tensor a2 =
                    torch::relu(net->e2(F::max_pool2d(a1.slice(2, py).slice(3, px), F::MaxPool2dFuncOptions(2))));
                const AxisSample ys = axisSamples(rows, margin, py, 2, shift2, int(a2.size(2)));
                const AxisSample xs = axisSamples(w, margin, px, 2, shift2, int(a2.size(3)));
                accumulate(a2, f[0], 0.25f, ys, xs, out, y0, rows);
                for (int qy = 0; qy < 2; ++qy)
                    for (int qx = 0; qx < 2; ++qx) {
                        checkCanceled(feedback);
                        const torch::Tensor a3 = torch::relu(net->e3(F::max_pool2d(
                            a2.slice(2, qy).slice(3, qx), F::MaxPool2dFuncOptions(2).ceil_mode(true))));
                        const AxisSample ys3 = axisSamples(rows, margin, py + 2 * qy, 4, shift3, int(a3.size(2)));
                        const AxisSample xs3 = axisSamples(w, margin, px + 2 * qx, 4, shift3, int(a3.size(3)));
                        accumulate(a3, f[0] + f[1], 1.0f / 16.0f, ys3, xs3, out, y0, rows);
                    }
            }
        reportProgress(feedback, double(y0 + rows) / double(h));
    }
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int c = 0; c < out.count; ++c) {
        float *plane = out.plane(c);
        for (std::size_t i = 0; i < valid.size(); ++i)
            if (!valid[i])
                plane[i] = nan;
    }
    return out;
}

} // namespace lodestone
