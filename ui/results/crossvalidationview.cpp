// CrossValidationView: read-only QTableWidgets in a grid that is rearranged as the panel is resized; clicking a
// mode's column in either table shows its confusion matrix and its scheme's bars.
#include "crossvalidationview.h"

#include "crossvalidationplot.h"
#include "trainingpanel.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QScrollArea>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace lodestone {

namespace {

QTableWidgetItem *cell(const QString &text, const QString &tip = QString())
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (!tip.isEmpty())
        item->setToolTip(tip);
    return item;
}

QString score(double v)
{
    return std::isfinite(v) ? QLocale().toString(v, 'f', 3) : QStringLiteral("–");
}

/** SVM parameters come from a grid of powers of two: 2⁻¹⁵ reads better than 3.052e-05. */
QString svmParameter(double v)
{
    if (!(v > 0))
        return QStringLiteral("–");
    const double k = std::log2(v);
    if (std::abs(k - std::round(k)) < 1e-9 && (v < 0.01 || v >= 1000)) {
        static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
        QString exponent;
        for (const QChar c : QString::number(std::abs(int(std::round(k)))))
            exponent += digits[c.digitValue()];
        return QStringLiteral("2") + (k < 0 ? QStringLiteral("⁻") : QString()) + exponent;
    }
    return QLocale().toString(v, 'g', 3);
}

/** The height that shows every row without scrolling (the header may hold two or three lines). */
int fittedHeight(QTableWidget *t)
{
    t->resizeRowsToContents();
    int h = t->horizontalHeader()->sizeHint().height() + 2 * t->frameWidth() + 2;
    for (int r = 0; r < t->rowCount(); ++r)
        h += t->rowHeight(r);
    return h;
}

} // namespace

CrossValidationView::CrossValidationView(QWidget *parent) : QWidget(parent)
{
    m_empty = new QLabel(tr("Train to see how well each mode predicts labelled pixels it was not trained on."), this);
    m_empty->setWordWrap(true);
    m_headline = new QLabel(this);
    m_headline->setWordWrap(true);

    auto *tables = new QWidget(this);
    m_grid = new QGridLayout(tables);
    m_grid->setContentsMargins(0, 0, 0, 0);
    for (CvScheme scheme : {CvScheme::Spatial, CvScheme::Random}) {
        const std::size_t i = index(scheme);
        m_titles[i] = new QLabel(tables);
        m_titles[i]->setWordWrap(true);
        auto *t = new QTableWidget(RowCount, 0, tables);
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->setSelectionBehavior(QAbstractItemView::SelectColumns);
        t->setSelectionMode(QAbstractItemView::SingleSelection);
        t->setVerticalHeaderLabels({tr("Accuracy"), tr("Precision"), tr("Recall"), tr("F1"), tr("AUC"),
                                    tr("Fold spread"), tr("Positions (folds)"), tr("C"), tr("Gamma")});
        t->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        t->setWordWrap(false);
        t->setToolTip(scheme == CvScheme::Spatial
                          ? tr("Scores of each mode on held-out labelled pixels, pooled over spatial folds: nearby "
                               "pixels are held out together and training pixels within the patch size of a test "
                               "pixel are left out (deposit is the positive class). Click a column to see its "
                               "confusion matrix.")
                          : tr("Scores of each mode on held-out labelled pixels, pooled over random folds, the "
                               "paper's scheme (deposit is the positive class). Click a column to see its "
                               "confusion matrix."));
        m_tables[i] = t;
        connect(t, &QTableWidget::currentCellChanged, this,
                [this, scheme](int, int column) { selectMode(scheme, column); });
        connect(t->horizontalHeader(), &QHeaderView::sectionClicked, this,
                [this, scheme](int column) { selectMode(scheme, column); });
    }

    m_confusionTitle = new QLabel(this);
    m_confusionTitle->setWordWrap(true);
    m_confusion = new QTableWidget(2, 2, this);
    m_confusion->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_confusion->setHorizontalHeaderLabels({tr("Predicted\nnon-deposit"), tr("Predicted\ndeposit")});
    m_confusion->setVerticalHeaderLabels({tr("Reference non-deposit"), tr("Reference deposit")});
    m_confusion->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_confusion->setToolTip(tr("Rows: what the labels say; columns: what the SVM predicted for them when they were "
                               "held out"));

    m_plotTitle = new QLabel(this);
    m_plot = new CrossValidationPlot(this);
    m_warningsTitle = new QLabel(tr("Warnings"), this);
    m_warnings = new QListWidget(this);
    m_warnings->setWordWrap(true);
    m_warnings->setAlternatingRowColors(true);

    // One scrolling column, as the evaluation view: two tables one above the other and the chart would
    // otherwise set a tall minimum height on the dock.
    m_plot->setMinimumHeight(260);
    m_warnings->setMaximumHeight(160);
    auto *column = new QWidget;
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->addWidget(m_empty);
    columnLayout->addWidget(m_headline);
    columnLayout->addWidget(tables);
    columnLayout->addWidget(m_confusionTitle);
    columnLayout->addWidget(m_confusion);
    columnLayout->addWidget(m_plotTitle);
    columnLayout->addWidget(m_plot, 1);
    columnLayout->addWidget(m_warningsTitle);
    columnLayout->addWidget(m_warnings);
    columnLayout->addStretch(0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(column);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(scroll);

    arrange();
    clear();
}

CvScheme CrossValidationView::headlineScheme() const
{
    return headlineCvScheme(m_results[index(CvScheme::Random)], m_results[index(CvScheme::Spatial)]);
}

void CrossValidationView::clear()
{
    for (std::size_t i = 0; i < 2; ++i) {
        m_results[i].clear();
        m_tables[i]->setColumnCount(0);
        m_tables[i]->setVisible(false);
        m_titles[i]->setVisible(false);
    }
    m_selected = -1;
    m_headline->setVisible(false);
    m_confusionTitle->setVisible(false);
    m_confusion->setVisible(false);
    m_plotTitle->setVisible(false);
    m_plot->clear();
    m_warnings->clear();
    m_warningsTitle->setVisible(false);
    m_warnings->setVisible(false);
    m_empty->setVisible(true);
}

void CrossValidationView::setResults(const std::vector<ModeResult> &random, const std::vector<ModeResult> &spatial,
                                     SvmMode mapMode, const std::vector<std::string> &warnings, std::size_t labelled)
{
    clear();
    if (random.empty() && spatial.empty())
        return;
    m_results[index(CvScheme::Random)] = random;
    m_results[index(CvScheme::Spatial)] = spatial;
    m_empty->setVisible(false);
    fillTable(CvScheme::Spatial, mapMode);
    fillTable(CvScheme::Random, mapMode);

    const bool spatialLeads = headlineCvScheme(random, spatial) == CvScheme::Spatial;
    bool spatialTested = false;
    for (const ModeResult &m : spatial)
        spatialTested = spatialTested || m.tested > 0;
    if (!spatial.empty() && !spatialTested && random.empty()) {
        m_headline->setText(tr("No spatial fold could be tested: each one's buffer left a class without training "
                               "pixels. Label more positions, further apart, for a spatial cross-validation."));
    } else if (!spatial.empty() && !spatialLeads) {
        m_headline->setText(tr("No spatial fold could be tested: each one's buffer left a class without training "
                               "pixels. The random folds are the headline here; label more positions, further "
                               "apart, for a spatial cross-validation."));
    } else if (!spatial.empty()) {
        m_headline->setText(
            tr("The spatial folds are the headline: labelled pixels closer than the patch size are held out together "
               "and training pixels near a test pixel are left out, so that neighbours cannot vouch for each other. "
               "Random folds (the paper's scheme) allow that and usually score higher."));
    } else {
        m_headline->setText(tr("Random folds only: this result has no spatial cross-validation."));
    }
    const ModeResult &sampled = spatial.empty() ? random.front() : spatial.front();
    if (labelled > 0 && sampled.positions > 0 && std::size_t(sampled.positions) < labelled)
        m_headline->setText(m_headline->text() + QLatin1Char(' ') +
                            tr("The folds test a sample of %1 of the %2 labelled positions, %3 of each class, drawn "
                               "with the run's seed; the map's classifier is trained on every label.")
                                .arg(sampled.positions)
                                .arg(qulonglong(labelled))
                                .arg(sampled.positions / 2));
    m_headline->setVisible(true);
    const ModeResult *first = spatial.empty() ? nullptr : &spatial.front();
    const QString spatialTitle = spatialLeads ? tr("<b>Spatial folds</b> (headline)") : tr("<b>Spatial folds</b>");
    m_titles[index(CvScheme::Spatial)]->setText(
        first && first->groups > 0 ? tr("%1: %2 groups of positions").arg(spatialTitle).arg(first->groups)
                                   : spatialTitle);
    m_titles[index(CvScheme::Random)]->setText(spatialLeads || spatial.empty()
                                                   ? tr("<b>Random folds</b> (the paper's)")
                                                   : tr("<b>Random folds</b> (the paper's; headline)"));
    arrange();

    for (const std::string &w : warnings)
        m_warnings->addItem(QString::fromStdString(w));
    m_warningsTitle->setText(warnings.empty() ? tr("No warnings.") : tr("Warnings (%1)").arg(warnings.size()));
    m_warningsTitle->setVisible(true);
    m_warnings->setVisible(!warnings.empty());

    const CvScheme headline = headlineScheme();
    const std::vector<ModeResult> &shown = m_results[index(headline)];
    int mapColumn = 0;
    for (int c = 0; c < int(shown.size()); ++c) {
        if (shown[std::size_t(c)].mode == mapMode)
            mapColumn = c;
    }
    selectMode(headline, mapColumn);
}

void CrossValidationView::fillTable(CvScheme scheme, SvmMode mapMode)
{
    const std::vector<ModeResult> &results = m_results[index(scheme)];
    QTableWidget *table = m_tables[index(scheme)];
    table->setColumnCount(int(results.size()));
    table->setVisible(!results.empty());
    m_titles[index(scheme)]->setVisible(!results.empty());
    for (int c = 0; c < int(results.size()); ++c) {
        const ModeResult &m = results[std::size_t(c)];
        QString header = TrainingPanel::modeColumnTitle(m.mode);
        if (m.mode == mapMode)
            header += QLatin1Char('\n') + tr("● map");
        // Marked by its "● map" line, not by a bold font: a bold title is wider than a stretched column may be.
        auto *h = new QTableWidgetItem(header);
        h->setToolTip(m.mode == mapMode
                          ? tr("%1: the mode used for the map").arg(QString::fromStdString(svmModeName(m.mode)))
                          : QString::fromStdString(svmModeName(m.mode)));
        table->setHorizontalHeaderItem(c, h);
        table->setItem(Accuracy, c, cell(score(m.accuracy)));
        table->setItem(Precision, c, cell(score(m.precision)));
        table->setItem(Recall, c, cell(score(m.recall)));
        table->setItem(F1, c, cell(score(m.f1)));
        table->setItem(Auc, c,
                       cell(score(m.auc), tr("Area under the ROC curve of the held-out decision values: the chance "
                                             "that a held-out deposit scores above a held-out non-deposit")));
        double mean = 0, sd = 0;
        if (!m.foldAccuracy.empty()) {
            mean = std::accumulate(m.foldAccuracy.begin(), m.foldAccuracy.end(), 0.0) / double(m.foldAccuracy.size());
            for (double a : m.foldAccuracy)
                sd += (a - mean) * (a - mean);
            sd = m.foldAccuracy.size() > 1 ? std::sqrt(sd / double(m.foldAccuracy.size() - 1)) : 0.0;
        }
        if (m.foldAccuracy.empty())
            table->setItem(FoldSpread, c, cell(QStringLiteral("–"), tr("No fold was tested")));
        else
            table->setItem(FoldSpread, c,
                           cell(QStringLiteral("± ") + QLocale().toString(sd, 'f', 2),
                                tr("Accuracy of the single folds: %1 ± %2 (mean ± standard deviation)")
                                    .arg(QLocale().toString(mean, 'f', 3), QLocale().toString(sd, 'f', 3))));
        QString positionsTip =
            tr("%1 positions tested in %2 folds").arg(m.tested > 0 ? m.tested : m.positions).arg(m.folds);
        if (m.scheme == CvScheme::Spatial && m.groups > 0)
            positionsTip += QLatin1Char('\n') + tr("Folds drawn over %1 groups of positions").arg(m.groups);
        table->setItem(Positions, c, cell(tr("%1 (%2)").arg(m.positions).arg(m.folds), positionsTip));
        table->setItem(
            ChosenC, c,
            cell(svmParameter(m.c), tr("C chosen most often over the folds: %1").arg(QLocale().toString(m.c, 'g', 6))));
        table->setItem(ChosenGamma, c,
                       cell(svmParameter(m.gamma),
                            tr("Gamma chosen most often over the folds: %1").arg(QLocale().toString(m.gamma, 'g', 6))));
    }
    if (!results.empty())
        table->setFixedHeight(fittedHeight(table));
}

void CrossValidationView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange();
}

void CrossValidationView::arrange()
{
    // Side by side, every mode column keeps room for its bold two-line title; the row names are shown once.
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    int column =
        std::max(fm.horizontalAdvance(QStringLiteral("240 (10)")), fm.horizontalAdvance(QStringLiteral("± 0.00")));
    for (SvmMode mode : allSvmModes()) {
        for (const QString &line : TrainingPanel::modeColumnTitle(mode).split(QLatin1Char('\n')))
            column = std::max(column, fm.horizontalAdvance(line));
    }
    column += 12;
    QTableWidget *spatial = m_tables[index(CvScheme::Spatial)], *random = m_tables[index(CvScheme::Random)];
    const int frames = 2 * (spatial->frameWidth() + random->frameWidth());
    const int needed = spatial->verticalHeader()->sizeHint().width() + 8 * column + frames + m_grid->spacing() +
                       style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 8;
    const bool both = !m_results[0].empty() && !m_results[1].empty();
    const bool side = both && width() >= needed;
    if (side == m_sideBySide && m_grid->count() == 4)
        return;
    m_sideBySide = side;
    QLabel *spatialTitle = m_titles[index(CvScheme::Spatial)], *randomTitle = m_titles[index(CvScheme::Random)];
    for (QWidget *w : {static_cast<QWidget *>(spatialTitle), static_cast<QWidget *>(spatial),
                       static_cast<QWidget *>(randomTitle), static_cast<QWidget *>(random)})
        m_grid->removeWidget(w);
    m_grid->addWidget(spatialTitle, 0, 0, Qt::AlignBottom);
    m_grid->addWidget(spatial, 1, 0);
    if (side) {
        // The rows line up because both tables share the grid's rows; stretch in proportion to the minimum
        // widths gives both tables' mode columns the same width.
        m_grid->addWidget(randomTitle, 0, 1, Qt::AlignBottom);
        m_grid->addWidget(random, 1, 1);
        const int spatialWidth = spatial->verticalHeader()->sizeHint().width() + 4 * column + 2 * spatial->frameWidth();
        const int randomWidth = 4 * column + 2 * random->frameWidth();
        spatial->setMinimumWidth(spatialWidth);
        random->setMinimumWidth(randomWidth);
        m_grid->setColumnStretch(0, spatialWidth);
        m_grid->setColumnStretch(1, randomWidth);
    } else {
        m_grid->addWidget(randomTitle, 2, 0, Qt::AlignBottom);
        m_grid->addWidget(random, 3, 0);
        spatial->setMinimumWidth(0);
        random->setMinimumWidth(0);
        m_grid->setColumnStretch(0, 1);
        m_grid->setColumnStretch(1, 0);
    }
    random->verticalHeader()->setVisible(!side);
}

void CrossValidationView::selectMode(CvScheme scheme, int column)
{
    const std::vector<ModeResult> &results = m_results[index(scheme)];
    if (column < 0 || column >= int(results.size()))
        return;
    m_selected = column;
    m_selectedScheme = scheme;
    for (CvScheme s : {CvScheme::Spatial, CvScheme::Random}) {
        QTableWidget *t = m_tables[index(s)];
        const QSignalBlocker block(t);
        if (s == scheme) {
            if (t->currentColumn() != column)
                t->setCurrentCell(0, column);
            t->selectColumn(column);
        } else {
            t->clearSelection();
            t->setCurrentCell(-1, -1);
        }
    }
    showConfusion();
}

void CrossValidationView::showConfusion()
{
    const ModeResult &m = m_results[index(m_selectedScheme)][std::size_t(m_selected)];
    m_confusionTitle->setText(m_selectedScheme == CvScheme::Spatial
                                  ? tr("Confusion matrix of %1, spatial folds (%2 positions)")
                                        .arg(TrainingPanel::modeDisplayName(m.mode))
                                        .arg(m.confusion.total())
                                  : tr("Confusion matrix of %1, random folds (%2 positions)")
                                        .arg(TrainingPanel::modeDisplayName(m.mode))
                                        .arg(m.confusion.total()));
    const long values[2][2] = {{m.confusion.tn, m.confusion.fp}, {m.confusion.fn, m.confusion.tp}};
    for (int r = 0; r < 2; ++r) {
        for (int c = 0; c < 2; ++c) {
            QTableWidgetItem *item = cell(QLocale().toString(qlonglong(values[r][c])));
            item->setTextAlignment(Qt::AlignCenter);
            if (r == c)
                item->setBackground(QColor(0xe3, 0xf2, 0xe3));
            else if (values[r][c] > 0)
                item->setBackground(QColor(0xfb, 0xe4, 0xe4));
            m_confusion->setItem(r, c, item);
        }
    }
    m_confusion->setFixedHeight(fittedHeight(m_confusion));
    m_confusionTitle->setVisible(true);
    m_confusion->setVisible(true);
    // The chart follows the scheme of the selection.
    m_plot->setResults(m_results[index(m_selectedScheme)]);
    m_plotTitle->setText(m_selectedScheme == CvScheme::Spatial ? tr("Scores of the spatial folds")
                                                               : tr("Scores of the random folds"));
    m_plotTitle->setVisible(true);
}

} // namespace lodestone
