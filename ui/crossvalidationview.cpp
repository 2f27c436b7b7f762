// CrossValidationView: read-only QTableWidgets; clicking a mode's column shows its confusion matrix.
#include "crossvalidationview.h"

#include "crossvalidationplot.h"
#include "trainingpanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

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
    return QLocale().toString(v, 'f', 3);
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

    m_table = new QTableWidget(RowCount, 0, this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectColumns);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setVerticalHeaderLabels({tr("Accuracy"), tr("Precision"), tr("Recall"), tr("F1"), tr("Fold spread"),
                                      tr("Positions × folds"), tr("C"), tr("Gamma")});
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setWordWrap(false);
    m_table->setToolTip(tr("Scores of each mode on held-out labelled pixels, pooled over the folds (deposit is the "
                           "positive class). Click a column to see its confusion matrix."));

    m_confusionTitle = new QLabel(this);
    m_confusion = new QTableWidget(2, 2, this);
    m_confusion->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_confusion->setHorizontalHeaderLabels({tr("Predicted\nnon-deposit"), tr("Predicted\ndeposit")});
    m_confusion->setVerticalHeaderLabels({tr("Reference non-deposit"), tr("Reference deposit")});
    m_confusion->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_confusion->setToolTip(tr("Rows: what the labels say; columns: what the SVM predicted for them when they were "
                               "held out"));

    m_plot = new CrossValidationPlot(this);
    m_warningsTitle = new QLabel(tr("Warnings"), this);
    m_warnings = new QListWidget(this);
    m_warnings->setWordWrap(true);
    m_warnings->setAlternatingRowColors(true);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_empty);
    topLayout->addWidget(m_table);
    topLayout->addWidget(m_confusionTitle);
    topLayout->addWidget(m_confusion);
    topLayout->addStretch(1);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_plot, 2);
    bottomLayout->addWidget(m_warningsTitle);
    bottomLayout->addWidget(m_warnings, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 0); // the tables keep their height; the chart takes the rest
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int, int column) { selectMode(column); });
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this,
            [this](int column) { selectMode(column); });
    clear();
}

void CrossValidationView::clear()
{
    m_results.clear();
    m_selected = -1;
    m_table->setColumnCount(0);
    m_table->setVisible(false);
    m_confusionTitle->setVisible(false);
    m_confusion->setVisible(false);
    m_plot->clear();
    m_warnings->clear();
    m_warningsTitle->setVisible(false);
    m_warnings->setVisible(false);
    m_empty->setVisible(true);
}

void CrossValidationView::setResults(const std::vector<ModeResult> &results, SvmMode mapMode,
                                     const std::vector<std::string> &warnings)
{
    clear();
    if (results.empty())
        return;
    m_results = results;
    m_empty->setVisible(false);
    m_table->setVisible(true);
    m_table->setColumnCount(int(results.size()));
    int mapColumn = 0;
    for (int c = 0; c < int(results.size()); ++c) {
        const ModeResult &m = results[std::size_t(c)];
        QString header = TrainingPanel::modeColumnTitle(m.mode);
        if (m.mode == mapMode) {
            header += QLatin1Char('\n') + tr("● map");
            mapColumn = c;
        }
        auto *h = new QTableWidgetItem(header);
        if (m.mode == mapMode) {
            QFont bold = h->font();
            bold.setBold(true);
            h->setFont(bold);
        }
        h->setToolTip(m.mode == mapMode
                          ? tr("%1: the mode used for the map").arg(QString::fromStdString(svmModeName(m.mode)))
                          : QString::fromStdString(svmModeName(m.mode)));
        m_table->setHorizontalHeaderItem(c, h);
        m_table->setItem(Accuracy, c, cell(score(m.accuracy)));
        m_table->setItem(Precision, c, cell(score(m.precision)));
        m_table->setItem(Recall, c, cell(score(m.recall)));
        m_table->setItem(F1, c, cell(score(m.f1)));
        double mean = 0, sd = 0;
        if (!m.foldAccuracy.empty()) {
            mean = std::accumulate(m.foldAccuracy.begin(), m.foldAccuracy.end(), 0.0) / double(m.foldAccuracy.size());
            for (double a : m.foldAccuracy)
                sd += (a - mean) * (a - mean);
            sd = m.foldAccuracy.size() > 1 ? std::sqrt(sd / double(m.foldAccuracy.size() - 1)) : 0.0;
        }
        m_table->setItem(FoldSpread, c,
                         cell(QStringLiteral("± ") + QLocale().toString(sd, 'f', 2),
                              tr("Accuracy of the single folds: %1 ± %2 (mean ± standard deviation)")
                                  .arg(QLocale().toString(mean, 'f', 3), QLocale().toString(sd, 'f', 3))));
        m_table->setItem(Positions, c, cell(tr("%1 × %2").arg(m.positions).arg(m.folds)));
        m_table->setItem(
            ChosenC, c,
            cell(svmParameter(m.c), tr("C chosen most often over the folds: %1").arg(QLocale().toString(m.c, 'g', 6))));
        m_table->setItem(
            ChosenGamma, c,
            cell(svmParameter(m.gamma),
                 tr("Gamma chosen most often over the folds: %1").arg(QLocale().toString(m.gamma, 'g', 6))));
    }
    m_table->setFixedHeight(fittedHeight(m_table));

    for (const std::string &w : warnings)
        m_warnings->addItem(QString::fromStdString(w));
    m_warningsTitle->setText(warnings.empty() ? tr("No warnings.") : tr("Warnings (%1)").arg(warnings.size()));
    m_warningsTitle->setVisible(true);
    m_warnings->setVisible(!warnings.empty());
    m_plot->setResults(results);
    selectMode(mapColumn);
}

void CrossValidationView::selectMode(int column)
{
    if (column < 0 || column >= int(m_results.size()))
        return;
    m_selected = column;
    if (m_table->currentColumn() != column) {
        const QSignalBlocker block(m_table);
        m_table->setCurrentCell(0, column);
        m_table->selectColumn(column);
    }
    showConfusion();
}

void CrossValidationView::showConfusion()
{
    const ModeResult &m = m_results[std::size_t(m_selected)];
    m_confusionTitle->setText(tr("Confusion matrix of %1 (%2 positions)")
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
}

} // namespace lodestone
