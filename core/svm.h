// The classifier on the feature rasters: feature standardisation, then either an RBF C-SVC trained with dlib
// (C and gamma given or chosen by an inner cross-validated grid search, Platt-scaled probabilities) or an
// L2-regularised logistic regression (a linear machine whose sigmoid is its probability), fast batch
// prediction and a checked binary model format. The folds come from metrics.h. Both kinds live in SvmModel
// because everything downstream (maps, ensembles, model.pt, classify) only needs decision values and a
// sigmoid; the name stays for the RBF machine that came first.
//
// dlib stays inside svm.cpp; the API speaks std::vector and plain float arrays. A trained SvmModel is
// immutable, so its const functions may be called from several threads at once.
#pragma once

#include "metrics.h"
#include "parallel.h" // parallelFor() and the thread bounds, which the SVM search and its callers use

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace lodestone {

class Feedback;

/** \brief Training settings of the SVM.
 *
 *  C and gamma refer to standardised features (each feature has mean 0 and standard deviation 1 over the
 *  training samples). A value of 0 means "choose it": an inner stratified cross-validation (innerFolds folds,
 *  over groups) evaluates every point of the coarse grid C = 2^-5, 2^-3, ..., 2^15 and gamma = 2^-15, 2^-13,
 *  ..., 2^3 (libsvm's grid.py grid; only the unknown one is searched when the other is given). The best point
 *  has the highest held-out accuracy; ties go to the lowest mean held-out hinge loss, then to smaller C, then
 *  to smaller gamma. When the training data are too few for an inner cross-validation (a class with fewer
 *  than 2 groups), C = 1 and gamma = 1 / dimension are used (scikit-learn's defaults on standardised data)
 *  and a warning says so. With more than 1000 samples the search runs on a seeded random choice of whole groups,
 *  at most 1000 / (2 x samples per group) of each class (every group of a class with fewer), and the Platt sigmoid
 *  is fitted on their held-out decisions; the final machine trains on every sample. Cancel is polled at every
 *  kernel evaluation, so training stops promptly at any size. */
enum class ClassifierKind {
    RbfSvm,   ///< RBF C-SVC, C and gamma searched (or given), Platt probabilities
    Logistic, ///< L2-regularised logistic regression on the standardised features, C given (default 1)
};

/** \brief "svm" or "logistic", as the CLI and the report spell them. */
std::string classifierKindName(ClassifierKind kind);
/** \brief Parses classifierKindName(); false for anything else. */
bool parseClassifierKind(const std::string &name, ClassifierKind &kind);

/** \brief Logistic regression (ClassifierKind::Logistic): minimises
 *  C sum_i w_i log(1 + exp(-y_i (w.z_i + b))) + |w|^2 / 2 over the standardised samples z_i (y_i = +-1; w_i
 *  the class weight n / (2 n_class) when balanceClassWeights, divided by the mean samples per group like the
 *  SVM's C; the intercept b unpenalised) with dlib's L-BFGS to a gradient norm
 *  below 1e-9 of the loss's scale. Convex, so the result depends on the data and C alone: no seed, no search.
 *  The decision value is w.z + b and the probability its logistic sigmoid (Platt A = -1, B = 0). C = 0 means
 *  1, the usual default of logistic regression on standardised features. */
/** \brief An affine map of raw feature vectors x (dim values) to rows() inputs of the logistic regression:
 *  u = P z with z_d = (x_d - mean_d) invStd_d. Rows of P are principal axes of some of the features, or unit rows
 *  that pass one feature through. */
struct LinearProjection {
    std::vector<float> mean, invStd; ///< dim each
    std::vector<double> p;           ///< rows x dim, row-major
    int dim() const { return int(mean.size()); }
    int rows() const { return mean.empty() ? 0 : int(p.size() / mean.size()); }
};

/** \brief The first `components` principal axes of n standardised samples z (n x dim, row-major): the
 *  eigenvectors of their covariance with the largest eigenvalues, largest first, unit length, each with its
 *  largest entry positive; fewer when fewer than `components` directions vary. Returns components x dim values. */
std::vector<double> principalAxes(const std::vector<float> &z, int n, int dim, int components);

struct SvmParams {
    ClassifierKind kind = ClassifierKind::RbfSvm; ///< the machine
    double c = 0;                                 ///< > 0: fixed C; 0: searched (RBF) or 1 (logistic)
    double gamma = 0;                             ///< > 0: fixed RBF gamma, kernel exp(-gamma |a - b|^2); 0: searched
    int innerFolds = 3;              ///< folds of the inner cross-validation (search and Platt scaling), >= 2
    bool balanceClassWeights = true; ///< C of each class scaled by n / (2 n_class), so both classes weigh the same
    int threads = 0;                 ///< threads of the grid search; 0 = all cores
    /// Logistic regression only: when set, the regression is fitted on the projected inputs u = P z and the model
    /// folded back to weights on the original features, so it is applied (and saved) like any logistic model.
    std::shared_ptr<const LinearProjection> projection;
};

/** \brief A trained RBF support vector machine with Platt probabilities; empty when default-constructed.
 *  A value type: after training dlib's machine is kept as plain arrays, so no dlib type is needed here.
 *
 *  decision(x) = sum_i alpha_i exp(-gamma |z(x) - s_i|^2) - b over the support vectors s_i, where
 *  z(x) = (x - mean) / std is the standardisation learned from the training samples; positive means deposit
 *  (class 1). probability = 1 / (1 + exp(A decision + B)), the Platt sigmoid fitted with dlib's
 *  learn_platt_scaling (as in train_probabilistic_decision_function) on held-out decision values of the inner
 *  cross-validation, so it is calibrated on data the machine did not see.
 *
 *  Samples may come in groups (e.g. the 32 samples of one labelled position); then folds never split a
 *  group, the search scores and the Platt sigmoid use the mean decision over a group's samples, and the model
 *  is meant to be applied the same way (mean decision over a group, then probabilityOfDecision()). C counts
 *  per group: each sample's C is divided by the mean number of samples per group, so that a C means the same
 *  regularisation whether a position gives one sample or 32 (and huge C stays cheap to solve). */
class SvmModel {
public:
    /** \brief Trains on samples x (all of one dimension, finite) with labels y (0 or 1).
     *  groups (optional, one id per sample, each group of one label) keeps related samples together.
     *  seed drives the inner folds; the result depends on nothing else. Feedback is only polled for cancel
     *  (throws Canceled). Throws Error(TooFewLabels) without a sample of each class, Error(BadParameter) for
     *  malformed input. */
    static SvmModel train(const std::vector<std::vector<float>> &x, const std::vector<int> &y, const SvmParams &params,
                          std::uint64_t seed, const std::vector<int> &groups = {}, Feedback *feedback = nullptr);

    /** \brief True once trained or loaded. */
    bool isTrained() const { return m_s.dim > 0; }
    /** \brief Length of a feature vector. */
    int dimension() const { return m_s.dim; }
    /** \brief C used for training (chosen or given). */
    double c() const { return m_s.c; }
    /** \brief RBF gamma used for training (chosen or given); 0 for a logistic model. */
    double gamma() const { return m_s.gamma; }
    /** \brief The kind of machine. */
    ClassifierKind kind() const { return m_s.kind; }
    /** \brief Held-out accuracy of the inner cross-validation for the chosen C and gamma, or -1 when there was
     *  none. */
    double innerAccuracy() const { return m_s.innerAccuracy; }
    int supportVectorCount() const { return m_s.nsv; }
    /** \brief Platt sigmoid: probability = 1 / (1 + exp(plattA * decision + plattB)). */
    double plattA() const { return m_s.plattA; }
    double plattB() const { return m_s.plattB; }
    /** \brief Standardisation: z = (x - featureMeans) * featureInverseStd (0 for constant features). */
    const std::vector<float> &featureMeans() const { return m_s.mean; }
    const std::vector<float> &featureInverseStd() const { return m_s.invStd; }
    /** \brief Notes from training (e.g. defaults used because an inner cross-validation was impossible). */
    const std::vector<std::string> &warnings() const { return m_s.warnings; }

    /** \brief Decision value of one sample of dimension() floats; > 0 means deposit. */
    double decision(const float *x) const;
    /** \brief Deposit probability of one sample. */
    double probability(const float *x) const;
    /** \brief Platt sigmoid applied to a decision value (e.g. a group's mean decision). */
    double probabilityOfDecision(double decision) const;
    /** \brief Decision values of count samples stored by feature: columns[d][i] is feature d of sample i
     *  (structure of arrays, e.g. one image row per feature raster). Distances in float, exp and sums in
     *  double, in cache-sized chunks with SIMD over samples (AVX2 + FMA when the CPU has them, chosen at run
     *  time; decision() runs the same code, so the values are identical). Not multithreaded: call it from
     *  several threads on different samples. */
    void decisions(const float *const *columns, std::size_t count, double *out) const;

    /** \brief A logistic model's decision as an affine function of the raw (unstandardised) features:
     *  decision(x) = sum_d weights[d] x[d] + offset, the standardisation folded into the weights. False (and
     *  nothing written) for an RBF machine, whose decision is not linear. */
    bool linearForm(std::vector<double> &weights, double &offset) const;

    /** \brief Writes the model in Lodestone's binary format (little-endian, with a checksum). */
    void save(std::ostream &out) const;
    /** \brief Reads a model written by save(). Throws Error(BadModel) for anything truncated, corrupt or
     *  inconsistent. */
    static SvmModel load(std::istream &in);

private:
    /** The trained machine as plain arrays (dlib's objects are converted after training, see svm.cpp). */
    struct State {
        int dim = 0;
        ClassifierKind kind = ClassifierKind::RbfSvm; // Logistic: sv holds the weights (nsv 1, alpha 1)
        std::vector<float> mean, invStd;              // dim each
        int nsv = 0;
        std::vector<float> sv;     // nsv x dim, standardised
        std::vector<float> svT;    // dim x (nsv rounded up to 8), transposed for batch prediction
        std::vector<double> alpha; // nsv, signed (positive for deposit support vectors)
        double bias = 0;           // decision = sum alpha k - bias (dlib's convention)
        double c = 0, gamma = 0;
        double plattA = -1, plattB = 0;
        double innerAccuracy = -1;
        std::vector<std::string> warnings;
    };
    State m_s;

    void buildTranspose();
    /** The logistic regression on params.projection's inputs, folded back to weights on x's features. */
    static SvmModel trainProjected(const std::vector<std::vector<float>> &x, const std::vector<int> &y,
                                   const SvmParams &params, std::uint64_t seed, const std::vector<int> &groups,
                                   Feedback *feedback);
};

/** \brief The C and gamma values of the inner search grid, ascending. */
std::vector<double> svmSearchGridC();
std::vector<double> svmSearchGridGamma();

/** \brief Writes one checked record of a model format (used by SvmModel and Classifier): 4-character tag, version,
 * payload size, payload and an FNV-1a checksum of the payload (all integers little-endian). */
void writeCheckedRecord(std::ostream &out, const std::string &tag, std::uint32_t version, const std::string &payload);
/** \brief Reads a record written by writeCheckedRecord() and returns its payload. Throws Error(BadModel) naming
 *  what (e.g. "SVM model") when the tag, version, size or checksum is wrong or the data end early. Versions from
 *  oldest (0: version alone) to version are accepted; found receives the one read. */
std::string readCheckedRecord(std::istream &in, const std::string &tag, std::uint32_t version, const std::string &what,
                              std::uint32_t oldest = 0, std::uint32_t *found = nullptr);

} // namespace lodestone
