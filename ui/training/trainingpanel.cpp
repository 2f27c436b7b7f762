// TrainingPanel: controls <-> PipelineParams; the settings are locked while a run is going.
#include "trainingpanel.h"

#include "lossplot.h"
#include "paramcheck.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace lodestone {

namespace {

QSpinBox *spin(QWidget *parent, int lo, int hi, int step, const QString &tip)
{
    auto *s = new QSpinBox(parent);
    s->setRange(lo, hi);
    s->setSingleStep(step);
    s->setGroupSeparatorShown(hi >= 10000);
    s->setToolTip(tip);
    s->setWhatsThis(tip);
    return s;
}

/** A combo box whose long choices ("Support vector machine (RBF)") are elided rather than widening the panel past
 *  its dock. */
QComboBox *combo(QWidget *parent)
{
    auto *c = new QComboBox(parent);
    c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    c->setMinimumContentsLength(14);
    return c;
}

QDoubleSpinBox *svmSpin(QWidget *parent, const QString &tip)
{
    auto *s = new QDoubleSpinBox(parent);
    s->setRange(0.0, 1e6);
    s->setDecimals(6);
    s->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    s->setSpecialValueText(TrainingPanel::tr("Automatic"));
    s->setToolTip(tip);
    s->setWhatsThis(tip);
    return s;
}

/** Passes the mouse wheel over an unfocused spin box or combo box on to the scroll area, so that scrolling through
 *  the settings never changes one of them by the way; a control changes with the wheel once clicked or tabbed to. */
class WheelGuard : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Wheel) {
            auto *w = qobject_cast<QWidget *>(watched);
            if (w && !w->hasFocus()) {
                event->ignore(); // delivered to the parents instead: the scroll area scrolls
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

QString TrainingPanel::modeDisplayName(SvmMode mode)
{
    switch (mode) {
    case SvmMode::PixelFeatures: return tr("Pixel features");
    case SvmMode::PixelSamples: return tr("Pixel samples");
    case SvmMode::PatchFeatures: return tr("Patch features");
    case SvmMode::PatchSamples: return tr("Patch samples");
    }
    return {};
}

QString TrainingPanel::modeColumnTitle(SvmMode mode)
{
    switch (mode) {
    case SvmMode::PixelFeatures: return tr("Pixel\nfeatures");
    case SvmMode::PixelSamples: return tr("Pixel\nsamples");
    case SvmMode::PatchFeatures: return tr("Patch\nfeatures");
    case SvmMode::PatchSamples: return tr("Patch\nsamples");
    }
    return {};
}

TrainingPanel::TrainingPanel(QWidget *parent) : QWidget(parent)
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_settings = createSettings();
    scroll->setWidget(m_settings);
    auto *guard = new WheelGuard(this);
    QList<QWidget *> wheeled;
    for (QAbstractSpinBox *s : m_settings->findChildren<QAbstractSpinBox *>())
        wheeled << s;
    for (QComboBox *c : m_settings->findChildren<QComboBox *>())
        wheeled << c;
    for (QWidget *w : wheeled) {
        w->setFocusPolicy(Qt::StrongFocus);
        w->installEventFilter(guard);
    }

    m_labelStatus = new QLabel(this);
    m_labelStatus->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->setVisible(false);

    m_reset = new QPushButton(tr("Defaults"), this);
    m_reset->setToolTip(
        tr("Restore Lodestone's default settings (the paper's are the preset of lodestone-cli run --preset paper)"));
    m_train = new QPushButton(tr("Train"), this);
    m_train->setToolTip(tr("Train the autoencoder on the survey, compute the feature rasters, cross-validate the "
                           "SVM on your labels and classify the whole map. The window stays usable meanwhile."));
    m_train->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop training within about a second; the previous results are kept"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reset);
    buttons->addStretch(1);
    buttons->addWidget(m_train);
    buttons->addWidget(m_cancel);

    // The network does not depend on the labels: Train reuses the one in memory unless told otherwise, and the
    // live preview re-fits the SVM on it after each stroke.
    m_retrain = new QCheckBox(tr("Retrain the network too"), this);
    m_retrain->setToolTip(tr("Train the autoencoder and compute the feature rasters again even when the network in "
                             "memory was trained on this survey with these settings. Without it, Train reuses that "
                             "network when only labels, SVM, cross-validation or evaluation settings changed, and "
                             "gives the same results as a full run with the same seed."));
    m_live = new QCheckBox(tr("Live"), this);
    m_live->setToolTip(tr("Update the deposit probability map a moment after each paint stroke, by re-fitting the "
                          "SVM on the trained network's feature rasters. Cross-validation and the evaluation run "
                          "when you click Train."));
    m_live->setEnabled(false);
    auto *reuseRow = new QHBoxLayout;
    reuseRow->addWidget(m_live);
    reuseRow->addStretch(1);
    reuseRow->addWidget(m_retrain);
    m_suggest = new QPushButton(tr("Suggest where to label"), this);
    m_suggest->setToolTip(tr("Mark the few places where the map is least certain (probability near the threshold, "
                             "or the ensemble's networks disagreeing) and no label is near: labels there teach the "
                             "classifier the most"));
    m_suggest->setEnabled(false);
    m_nextPlace = new QPushButton(tr("Next place"), this);
    m_nextPlace->setToolTip(tr("Centre the map on the next suggested place to label"));
    m_nextPlace->setEnabled(false);
    auto *suggestRow = new QHBoxLayout;
    suggestRow->addWidget(m_suggest);
    suggestRow->addWidget(m_nextPlace);
    suggestRow->addStretch(1);
    m_reuseNote = new QLabel(this);
    m_reuseNote->setWordWrap(true);
    m_reuseNote->setVisible(false);

    m_stage = new QLabel(tr("Not trained yet."), this);
    m_stage->setWordWrap(true);
    m_stage->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_stage->setFixedHeight(2 * m_stage->fontMetrics().lineSpacing() + 2);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());
    m_loss = new LossPlot(this);
    m_loss->setMinimumHeight(130);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_labelStatus);
    layout->addWidget(m_problem);
    layout->addLayout(suggestRow);
    layout->addLayout(reuseRow);
    layout->addWidget(m_reuseNote);
    // Below the buttons only rows of fixed height, so that Train and Cancel stay where they are while the texts
    // above them and the stage below change: the stage keeps two lines (the whole text in its tooltip).
    layout->addLayout(buttons);
    layout->addWidget(m_stage);
    layout->addWidget(m_progress);
    layout->addWidget(m_loss);

    connect(m_train, &QPushButton::clicked, this, &TrainingPanel::trainRequested);
    connect(m_cancel, &QPushButton::clicked, this, &TrainingPanel::cancelRequested);
    connect(m_reset, &QPushButton::clicked, this, &TrainingPanel::resetToDefaults);
    connect(m_live, &QCheckBox::toggled, this, &TrainingPanel::liveToggled);
    connect(m_suggest, &QPushButton::clicked, this, &TrainingPanel::suggestRequested);
    connect(m_nextPlace, &QPushButton::clicked, this, &TrainingPanel::nextPlaceRequested);
    resetToDefaults();

    const auto changed = [this] {
        updateEnabled();
        Q_EMIT paramsChanged();
    };
    for (QSpinBox *s :
         {m_patchSize, m_trainPatches, m_epochs, m_batchSize, m_filters[0], m_filters[1], m_filters[2], m_stride,
          m_folds, m_perClass, m_patchResize, m_featureComponents, m_depositBuffer, m_seed, m_ensemble})
        connect(s, &QSpinBox::valueChanged, this, changed);
    for (QDoubleSpinBox *s : {m_learningRate, m_c, m_gamma})
        connect(s, &QDoubleSpinBox::valueChanged, this, changed);
    for (QComboBox *c : {m_method, m_mode, m_classifier, m_featureLayers})
        connect(c, &QComboBox::currentIndexChanged, this, changed);
    connect(m_inputLayers, &QListWidget::itemChanged, this, changed);
    updateEnabled();
}

QWidget *TrainingPanel::createSettings()
{
    auto *w = new QWidget;
    const int intMax = std::numeric_limits<int>::max();

    auto *inputs = new QGroupBox(tr("Input layers"), w);
    inputs->setToolTip(tr("The network reads the survey and every checked layer as input channels of one patch, "
                          "each scaled to 0–1 on its own (amplitudes such as the analytic signal as logarithms). A "
                          "pixel where any checked layer has no data is left out. Add layers with the Processing "
                          "menu or File > Add Raster Layer."));
    m_inputLayers = new QListWidget(inputs);
    m_inputLayers->setAccessibleName(tr("Input layers"));
    m_inputLayers->setToolTip(inputs->toolTip());
    m_inputLayers->setMaximumHeight(110);
    auto *inputsLayout = new QVBoxLayout(inputs);
    inputsLayout->addWidget(m_inputLayers);
    setInputLayers({});

    auto *ae = new QGroupBox(tr("Autoencoder"), w);
    m_patchSize = spin(ae, 4, 512, 2,
                       tr("Side, in grid cells, of the square window around each pixel that the autoencoder looks "
                          "at. Make it span a typical anomaly of the targets: 50 cells of 50 m is a 2.5 km window. "
                          "Larger windows see more geological context but blur the feature maps."));
    m_patchSize->setSuffix(tr(" cells"));
    m_trainPatches = spin(ae, 1, 10'000'000, 1000,
                          tr("How many windows are cut at random from valid ground to train the autoencoder. More "
                             "windows show it more of the survey's anomaly shapes, and take longer."));
    m_epochs = spin(ae, 1, 10'000, 1,
                    tr("Passes over the training windows. Watch the loss curve below: once it flattens, more "
                       "epochs change little."));
    m_batchSize = spin(ae, 1, 65'536, 32,
                       tr("Windows per optimisation step. Larger batches use the processor better and need more "
                          "memory; smaller ones make noisier but more frequent steps."));
    m_learningRate = new QDoubleSpinBox(ae);
    m_learningRate->setRange(1e-6, 1.0);
    m_learningRate->setDecimals(6);
    m_learningRate->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_learningRate->setToolTip(tr("Step size of the Adam optimiser. Too high and the loss jumps about or stalls; "
                                  "too low and training crawls. 0.001 is the usual starting point."));
    auto *filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(0, 0, 0, 0);
    const QString filterTips[3] = {
        tr("Feature maps learned by encoder layer 1, which sees the finest detail (short wavelengths, sharp "
           "gradients, dyke edges)."),
        tr("Feature maps learned by encoder layer 2, at half the resolution: anomaly shapes of a few cells."),
        tr("Feature maps learned by encoder layer 3, at a quarter of the resolution: the broader form of "
           "anomalies and their surroundings."),
    };
    for (int i = 0; i < 3; ++i) {
        m_filters[i] =
            spin(ae, 1, 256, 1,
                 filterTips[i] + QLatin1Char(' ') + tr("The three numbers add up to the number of feature rasters."));
        m_filters[i]->setAccessibleName(tr("Filters of layer %1").arg(i + 1));
        filterRow->addWidget(m_filters[i]);
    }
    auto *aeForm = new QFormLayout(ae);
    aeForm->addRow(tr("Patch size"), m_patchSize);
    addProblemRow(aeForm, ParamField::PatchSize);
    aeForm->addRow(tr("Training patches"), m_trainPatches);
    addProblemRow(aeForm, ParamField::TrainPatches);
    aeForm->addRow(tr("Epochs"), m_epochs);
    addProblemRow(aeForm, ParamField::Epochs);
    aeForm->addRow(tr("Batch size"), m_batchSize);
    addProblemRow(aeForm, ParamField::BatchSize);
    aeForm->addRow(tr("Learning rate"), m_learningRate);
    addProblemRow(aeForm, ParamField::LearningRate);
    aeForm->addRow(tr("Filters (layers 1, 2, 3)"), filterRow);
    addProblemRow(aeForm, ParamField::Filters);

    auto *fr = new QGroupBox(tr("Feature rasters"), w);
    m_method = combo(fr);
    m_method->addItem(tr("Dense (every pixel)"), int(FeatureMethod::Dense));
    m_method->addItem(tr("Exact stitch with stride"), int(FeatureMethod::Exact));
    m_method->setToolTip(tr("How the encoder's activations become full-size feature rasters. Dense gives the "
                            "paper's every-pixel stitch in one pass over the grid (fast). Exact stitch encodes the "
                            "window around every stride-th pixel one at a time, the paper's reference procedure "
                            "(slow at stride 1)."));
    m_stride = spin(fr, 1, 512, 1,
                    tr("Exact stitch only: use the window around every stride-th pixel along rows and columns. "
                       "Stride 1 is the paper's method; stride 4 is about 16 times faster and smooths the "
                       "features a little."));
    auto *frForm = new QFormLayout(fr);
    frForm->addRow(tr("Method"), m_method);
    frForm->addRow(tr("Stride"), m_stride);
    addProblemRow(frForm, ParamField::Stride);

    auto *svm = new QGroupBox(tr("Classifier"), w);
    m_classifier = combo(svm);
    m_classifier->addItem(tr("Support vector machine (RBF)"), int(ClassifierKind::RbfSvm));
    m_classifier->addItem(tr("Logistic regression (linear)"), int(ClassifierKind::Logistic));
    m_classifier->setToolTip(tr("The machine that learns deposits from the labelled pixels. Support vector "
                                "machine: a flexible boundary, C and gamma chosen by cross-validation. Logistic "
                                "regression: a straight boundary in feature space, steadier with few labels; "
                                "C is its regularisation (Automatic: 1) and gamma is not used."));
    m_mode = combo(svm);
    for (SvmMode mode : allSvmModes())
        m_mode->addItem(modeDisplayName(mode), int(mode));
    m_mode->setToolTip(tr("How the feature rasters are given to the SVM that classifies the map. Pixel "
                          "features: the feature values at the pixel. Pixel samples: each feature value as its "
                          "own sample. Patch features: block averages of the window around the pixel. Patch "
                          "samples: those block averages raster by raster. All four are cross-validated; pick "
                          "the one that scores best for the map."));
    m_c = svmSpin(svm, tr("How hard the SVM tries to get every labelled pixel right. A large C follows the labels "
                          "closely (and may overfit a handful of labels); a small C draws a smoother boundary. "
                          "Automatic chooses it by cross-validation on the labels."));
    m_gamma = svmSpin(svm, tr("How far the influence of one labelled pixel reaches among pixels with similar "
                              "features. Large gamma: only near-identical ground is affected (patchy maps); small "
                              "gamma: broad, smooth decisions. Automatic chooses it by cross-validation."));
    m_patchResize = spin(svm, 1, 512, 1,
                         tr("Patch modes: the window around a pixel is reduced to R x R block averages of each "
                            "feature raster before the SVM sees it. The patch size must be a multiple of R."));
    m_featureComponents =
        spin(svm, 0, 1000, 1,
             tr("Logistic regression, pixel-features mode: the machine sees the first K principal components of the "
                "feature rasters (computed over every valid pixel, without the labels) beside the magnetic "
                "products, instead of the rasters themselves. Fewer inputs can steady a map trained on a handful of "
                "labels; measured on Kolari and the demo surveys it was not a clear gain (docs/METHOD.md), so it is "
                "off by default."));
    m_featureComponents->setSpecialValueText(tr("Off"));
    m_featureLayers = combo(svm);
    // Every non-empty choice of the three encoder layers; the data is the list PipelineParams::featureLayers holds.
    const QList<QPair<QString, QString>> layerChoices{
        {tr("All (1, 2, 3)"), QString()},       {tr("Deepest (3)"), QStringLiteral("3")},
        {tr("2 and 3"), QStringLiteral("2,3")}, {tr("1 and 2"), QStringLiteral("1,2")},
        {tr("1 and 3"), QStringLiteral("1,3")}, {tr("1"), QStringLiteral("1")},
        {tr("2"), QStringLiteral("2")}};
    for (const auto &[text, layers] : layerChoices)
        m_featureLayers->addItem(text, layers);
    m_featureLayers->setToolTip(
        tr("Logistic regression, pixel-features mode: the encoder layers whose feature rasters the machine sees "
           "beside the magnetic products (the others get no weight; features.tif keeps them all). Layer 1 describes "
           "each pixel's immediate neighbourhood, layer 3 the shape of the anomaly across the patch."));
    m_depositBuffer =
        spin(svm, 0, kMaxDepositBuffer, 1,
             tr("Each deposit label also trains the map's classifier on the unlabelled pixels within this many cells "
                "of it (1: its four neighbours), because a known occurrence stands for a small area rather than one "
                "cell and its mapped position is rarely exact to a cell. Non-deposit labels are used as given, and so "
                "is every label in cross-validation. Measured on Kolari and the demo surveys (docs/METHOD.md)."));
    m_depositBuffer->setSpecialValueText(tr("Off"));
    auto *svmForm = new QFormLayout(svm);
    svmForm->addRow(tr("Machine"), m_classifier);
    svmForm->addRow(tr("Mode for the map"), m_mode);
    svmForm->addRow(tr("C"), m_c);
    addProblemRow(svmForm, ParamField::SvmC);
    svmForm->addRow(tr("Gamma"), m_gamma);
    addProblemRow(svmForm, ParamField::SvmGamma);
    svmForm->addRow(tr("Patch resize"), m_patchResize);
    addProblemRow(svmForm, ParamField::PatchResize);
    svmForm->addRow(tr("Principal components"), m_featureComponents);
    addProblemRow(svmForm, ParamField::FeatureComponents);
    svmForm->addRow(tr("Encoder layers"), m_featureLayers);
    addProblemRow(svmForm, ParamField::FeatureLayers);
    svmForm->addRow(tr("Deposit buffer (cells)"), m_depositBuffer);
    addProblemRow(svmForm, ParamField::DepositBuffer);

    auto *cv = new QGroupBox(tr("Cross-validation"), w);
    m_folds = spin(cv, 2, 100, 1,
                   tr("The labelled pixels are dealt into this many groups; each group is held out once and "
                      "predicted by an SVM trained on the rest. Reduced, with a warning, when a class has fewer "
                      "labels."));
    m_perClass = spin(cv, 0, intMax, 1,
                      tr("Balanced sample for cross-validation: this many labelled pixels of each class, at most "
                         "as many as the smaller class has. All uses as many as the smaller class has. The map "
                         "itself is always trained on every label."));
    m_perClass->setSpecialValueText(tr("All"));
    m_seed = spin(cv, 0, intMax, 1,
                  tr("Drives every random choice: training windows, initial weights, folds. The same survey, "
                     "labels, settings and seed give the same result."));
    auto *cvForm = new QFormLayout(cv);
    cvForm->addRow(tr("Folds"), m_folds);
    addProblemRow(cvForm, ParamField::Folds);
    cvForm->addRow(tr("Positions per class"), m_perClass);
    addProblemRow(cvForm, ParamField::PerClass);
    cvForm->addRow(tr("Seed"), m_seed);

    auto *ev = new QGroupBox(tr("Evaluation"), w);
    m_ensemble = spin(ev, 1, 20, 1,
                      tr("Networks trained from different seeds, each with its own SVM. The probability map is "
                         "their mean and an uncertainty map shows where they disagree. Each network adds the time "
                         "of one training run."));
    m_ensemble->setSuffix(tr(" networks"));
    m_ensemble->setSpecialValueText(tr("1 network (no ensemble)"));
    m_validation = new QLabel(ev);
    m_validation->setWordWrap(true);
    m_validationChoose = new QPushButton(tr("Validation Occurrences…"), ev);
    m_validationChoose->setToolTip(
        tr("Known deposits that the run does not train on (CSV with X/Y columns in the survey's CRS, Shapefile, "
           "GeoPackage, GeoJSON). The map is scored at them: the prediction rate, the fairest test of a map."));
    m_validationClear = new QPushButton(tr("Clear"), ev);
    m_validationClear->setToolTip(tr("Forget the validation occurrences"));
    auto *validationButtons = new QHBoxLayout;
    validationButtons->setContentsMargins(0, 0, 0, 0);
    validationButtons->addWidget(m_validationChoose);
    validationButtons->addWidget(m_validationClear);
    validationButtons->addStretch(1);
    auto *evForm = new QFormLayout(ev);
    evForm->addRow(tr("Ensemble"), m_ensemble);
    addProblemRow(evForm, ParamField::Ensemble);
    evForm->addRow(tr("Validation"), m_validation);
    evForm->addRow(validationButtons);
    connect(m_validationChoose, &QPushButton::clicked, this, &TrainingPanel::validationChooseRequested);
    connect(m_validationClear, &QPushButton::clicked, this, &TrainingPanel::validationClearRequested);
    m_validationClear->setEnabled(false);

    auto *layout = new QVBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(inputs);
    layout->addWidget(ae);
    layout->addWidget(fr);
    layout->addWidget(svm);
    layout->addWidget(cv);
    layout->addWidget(ev);
    layout->addStretch(1);
    return w;
}

PipelineParams TrainingPanel::params() const
{
    PipelineParams p;
    p.autoencoder.patchSize = m_patchSize->value();
    p.autoencoder.trainPatches = m_trainPatches->value();
    p.autoencoder.epochs = m_epochs->value();
    p.autoencoder.batchSize = m_batchSize->value();
    p.autoencoder.learningRate = m_learningRate->value();
    for (int i = 0; i < 3; ++i)
        p.autoencoder.filters[std::size_t(i)] = m_filters[i]->value();
    p.featureMethod = FeatureMethod(m_method->currentData().toInt());
    p.stride = p.featureMethod == FeatureMethod::Dense ? 1 : m_stride->value();
    p.mode = SvmMode(m_mode->currentData().toInt());
    p.experiments.svm.kind = ClassifierKind(m_classifier->currentData().toInt());
    p.experiments.svm.c = m_c->value();
    p.experiments.svm.gamma = p.experiments.svm.kind == ClassifierKind::RbfSvm ? m_gamma->value() : 0.0;
    p.experiments.folds = m_folds->value();
    p.experiments.perClass = m_perClass->value();
    p.experiments.patchResize = m_patchResize->value();
    p.experiments.depositBuffer = m_depositBuffer->value();
    p.featureComponents = p.experiments.svm.kind == ClassifierKind::Logistic ? m_featureComponents->value() : 0;
    p.featureLayers.clear();
    if (p.experiments.svm.kind == ClassifierKind::Logistic)
        for (const QString &layer :
             m_featureLayers->currentData().toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            p.featureLayers.push_back(layer.toInt());
    p.seed = std::uint64_t(m_seed->value());
    p.ensemble = m_ensemble->value();
    for (int row = 1; row < m_inputLayers->count(); ++row)
        if (m_inputLayers->item(row)->checkState() == Qt::Checked && m_inputSpecs[std::size_t(row)])
            p.layers.push_back(*m_inputSpecs[std::size_t(row)]);
    return p;
}

void TrainingPanel::setInputLayers(const QList<InputLayerChoice> &layers)
{
    QStringList checked;
    for (int row = 1; row < m_inputLayers->count(); ++row)
        if (m_inputLayers->item(row)->checkState() == Qt::Checked && m_inputSpecs[std::size_t(row)])
            checked << QString::fromStdString(m_inputSpecs[std::size_t(row)]->name);
    checked << m_pendingInputs;
    const QSignalBlocker block(m_inputLayers);
    m_inputLayers->clear();
    m_inputSpecs.clear();
    auto *survey = new QListWidgetItem(tr("Survey (always read)"), m_inputLayers);
    survey->setFlags(Qt::ItemIsEnabled);
    survey->setCheckState(Qt::Checked);
    survey->setToolTip(tr("The survey is the network's first input."));
    m_inputSpecs.emplace_back();
    for (const InputLayerChoice &l : layers) {
        auto *item = new QListWidgetItem(l.name, m_inputLayers);
        item->setToolTip(l.tooltip);
        if (l.spec) {
            const QString name = QString::fromStdString(l.spec->name);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(checked.contains(name) ? Qt::Checked : Qt::Unchecked);
            m_pendingInputs.removeAll(name);
        } else {
            item->setFlags(Qt::ItemIsUserCheckable); // shown, not enabled: nothing a run could read again
            item->setCheckState(Qt::Unchecked);
        }
        m_inputSpecs.push_back(l.spec);
    }
}

void TrainingPanel::setParams(const PipelineParams &p)
{
    {
        const QSignalBlocker block(this); // one paramsChanged() at the end, not one per control
        m_patchSize->setValue(p.autoencoder.patchSize);
        m_trainPatches->setValue(p.autoencoder.trainPatches);
        m_epochs->setValue(p.autoencoder.epochs);
        m_batchSize->setValue(p.autoencoder.batchSize);
        m_learningRate->setValue(p.autoencoder.learningRate);
        for (int i = 0; i < 3; ++i)
            m_filters[i]->setValue(p.autoencoder.filters[std::size_t(i)]);
        m_method->setCurrentIndex(m_method->findData(int(p.featureMethod)));
        m_stride->setValue(p.stride);
        m_mode->setCurrentIndex(m_mode->findData(int(p.mode)));
        m_classifier->setCurrentIndex(m_classifier->findData(int(p.experiments.svm.kind)));
        m_c->setValue(p.experiments.svm.c);
        m_gamma->setValue(p.experiments.svm.gamma);
        m_folds->setValue(p.experiments.folds);
        m_perClass->setValue(p.experiments.perClass);
        m_patchResize->setValue(p.experiments.patchResize);
        m_featureComponents->setValue(p.featureComponents);
        QStringList layers;
        std::vector<int> sorted = p.featureLayers;
        std::sort(sorted.begin(), sorted.end());
        for (int layer : sorted)
            layers << QString::number(layer);
        const int choice = m_featureLayers->findData(layers.join(QLatin1Char(',')));
        m_featureLayers->setCurrentIndex(std::max(choice, 0));
        m_depositBuffer->setValue(p.experiments.depositBuffer);
        m_seed->setValue(int(std::min<std::uint64_t>(p.seed, std::uint64_t(std::numeric_limits<int>::max()))));
        m_ensemble->setValue(p.ensemble);
        m_pendingInputs.clear();
        for (const LayerSpec &l : p.layers)
            m_pendingInputs << QString::fromStdString(l.name);
        for (int row = 1; row < m_inputLayers->count(); ++row) {
            QListWidgetItem *item = m_inputLayers->item(row);
            if (!m_inputSpecs[std::size_t(row)])
                continue;
            const QString name = QString::fromStdString(m_inputSpecs[std::size_t(row)]->name);
            item->setCheckState(m_pendingInputs.contains(name) ? Qt::Checked : Qt::Unchecked);
            m_pendingInputs.removeAll(name);
        }
    }
    updateEnabled();
    Q_EMIT paramsChanged();
}

void TrainingPanel::resetToDefaults()
{
    setParams(PipelineParams{});
}

void TrainingPanel::addProblemRow(QFormLayout *form, ParamField field)
{
    auto *label = new QLabel(form->parentWidget());
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    form->addRow(QString(), label);
    form->setRowVisible(label, false);
    m_fieldProblems.push_back({field, label, form});
}

QString TrainingPanel::validationError() const
{
    const std::vector<ParamProblem> problems = paramProblems(params(), m_surveyWidth, m_surveyHeight);
    return problems.empty() ? QString() : QString::fromStdString(problems.front().message);
}

QString TrainingPanel::fieldProblem(ParamField field) const
{
    for (const FieldProblem &f : m_fieldProblems)
        if (f.field == field)
            return f.form->isRowVisible(f.label) ? f.label->text() : QString();
    return {};
}

void TrainingPanel::setSurveySize(int width, int height)
{
    if (width == m_surveyWidth && height == m_surveyHeight)
        return;
    m_surveyWidth = width;
    m_surveyHeight = height;
    updateEnabled();
}

void TrainingPanel::setReadiness(bool ready, const QString &labelStatus)
{
    m_ready = ready;
    m_labelStatus->setText(labelStatus);
    updateEnabled();
}

void TrainingPanel::setRunning(bool running)
{
    m_running = running;
    if (running) {
        m_stoppedFormat.clear();
        m_progress->setValue(0);
        m_progress->setFormat(QStringLiteral("%p %"));
    } else {
        // Keep where the run ended (100 %, or where it was canceled, said so); empty before any run.
        m_progress->setFormat(!m_stoppedFormat.isEmpty() ? m_stoppedFormat
                              : m_progress->value() > 0  ? QStringLiteral("%p %")
                                                         : QString());
    }
    updateEnabled();
}

void TrainingPanel::markStopped(const QString &format)
{
    m_stoppedFormat = format;
    m_progress->setFormat(format);
}

void TrainingPanel::showStage(const QString &name, int index, int count)
{
    m_stage->setText(count > 0 ? tr("Stage %1 of %2: %3").arg(index).arg(count).arg(name) : name);
    m_stage->setToolTip(m_stage->text());
}

void TrainingPanel::showProgress(double fraction, const QString &timeLeft)
{
    m_progress->setValue(int(fraction * m_progress->maximum() + 0.5));
    m_progress->setFormat(timeLeft.isEmpty() ? QStringLiteral("%p %") : tr("%p % — %1").arg(timeLeft));
}

void TrainingPanel::showStatus(const QString &text)
{
    m_stage->setText(text);
    m_stage->setToolTip(text);
}

QString TrainingPanel::statusText() const
{
    return m_stage->text();
}

void TrainingPanel::setValidationSummary(const QString &text, bool loaded)
{
    m_validation->setText(text);
    m_validationClear->setEnabled(loaded);
}

bool TrainingPanel::retrainNetwork() const
{
    return m_retrain->isChecked();
}

bool TrainingPanel::isLive() const
{
    return m_live->isChecked() && m_live->isEnabled();
}

void TrainingPanel::setLiveAvailable(bool available, const QString &why)
{
    m_liveAvailable = available;
    m_live->setToolTip(available || why.isEmpty()
                           ? tr("Update the deposit probability map a moment after each paint stroke, by re-fitting "
                                "the SVM on the trained network's feature rasters. Cross-validation and the "
                                "evaluation run when you click Train.")
                           : why);
    updateEnabled();
}

void TrainingPanel::setSuggestionsAvailable(bool canSuggest, bool canStep)
{
    m_suggest->setEnabled(canSuggest);
    m_nextPlace->setEnabled(canStep);
}

void TrainingPanel::showReuseNote(const QString &text)
{
    m_reuseNote->setText(text);
    m_reuseNote->setVisible(!text.isEmpty());
}

QString TrainingPanel::reuseNote() const
{
    return m_reuseNote->text();
}

void TrainingPanel::updateEnabled()
{
    // Core's rules on the settings (paramProblems()): each message under the field it concerns, and all of them
    // above the buttons, where they say why Train is disabled while the field may be scrolled out of view.
    const std::vector<ParamProblem> problems = paramProblems(params(), m_surveyWidth, m_surveyHeight);
    QStringList all;
    for (const ParamProblem &p : problems)
        all << QString::fromStdString(p.message);
    for (const FieldProblem &f : m_fieldProblems) {
        QStringList texts;
        for (const ParamProblem &p : problems)
            if (p.field == f.field)
                texts << QString::fromStdString(p.message);
        f.label->setText(texts.join(QLatin1Char(' ')));
        f.form->setRowVisible(f.label, !texts.isEmpty());
    }
    m_problem->setText(all.join(QLatin1Char(' ')));
    m_problem->setVisible(!all.isEmpty());
    const bool runnable = problems.empty();
    m_settings->setEnabled(!m_running);
    m_reset->setEnabled(!m_running);
    m_stride->setEnabled(m_method->currentData().toInt() == int(FeatureMethod::Exact));
    m_gamma->setEnabled(m_classifier->currentData().toInt() == int(ClassifierKind::RbfSvm));
    m_featureComponents->setEnabled(m_classifier->currentData().toInt() == int(ClassifierKind::Logistic));
    m_featureLayers->setEnabled(m_classifier->currentData().toInt() == int(ClassifierKind::Logistic));
    m_train->setEnabled(!m_running && m_ready && runnable);
    m_cancel->setEnabled(m_running);
    m_live->setEnabled(m_liveAvailable && !m_running);
}

} // namespace lodestone
