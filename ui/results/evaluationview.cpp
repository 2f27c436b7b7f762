// EvaluationView: the verdict, a kind list driving the RateCurvePlot and the captured-share table, and the AUC
// table; the tables are sized to their rows and scroll with the chart in one column.
#include "evaluationview.h"

#include "evaluation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace lodestone {

namespace {

QString auc(double v)
{
    return std::isfinite(v) ? QLocale().toString(v, 'f', 3) : QStringLiteral("–");
}

QString percent(double v)
{
    return std::isfinite(v) ? EvaluationView::tr("%1 %").arg(QLocale().toString(100.0 * v, 'f', 1))
                            : QStringLiteral("–");
}

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(alignment);
    return item;
}

/** The height that shows every row without scrolling. */
void fitHeight(QTableWidget *t)
{
    t->resizeRowsToContents();
    int h = t->horizontalHeader()->sizeHint().height() + 2 * t->frameWidth() + 2;
    for (int r = 0; r < t->rowCount(); ++r)
        h += t->rowHeight(r);
    t->setFixedHeight(h);
}

QTableWidget *table(QWidget *parent)
{
    auto *t = new QTableWidget(parent);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->setFocusPolicy(Qt::NoFocus);
    t->verticalHeader()->setVisible(false);
    t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Long map names ("Local standard deviation, 51 x 51") wrap in a narrow dock; the table keeps the height of
    // its rows as the map column's width changes.
    t->setWordWrap(true);
    t->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    // Refitted once the columns have settled (a resize stretches the map column and then the others), not in
    // the middle of it, when the map column still has its old width.
    auto *refit = new QTimer(t);
    refit->setSingleShot(true);
    refit->setInterval(0);
    QObject::connect(refit, &QTimer::timeout, t, [t] { fitHeight(t); });
    QObject::connect(t->horizontalHeader(), &QHeaderView::sectionResized, refit, qOverload<>(&QTimer::start));
    return t;
}

/** The map column takes the room left; the numbers keep their width. */
void fitColumns(QTableWidget *t)
{
    QHeaderView *h = t->horizontalHeader();
    h->setSectionResizeMode(QHeaderView::ResizeToContents);
    h->setSectionResizeMode(0, QHeaderView::Stretch);
}

const QColor kModelBackground(0xff, 0xf3, 0xf0);
const QColor kBestBackground(0xee, 0xf2, 0xf7);

} // namespace

EvaluationView::EvaluationView(QWidget *parent) : QWidget(parent)
{
    m_empty = new QLabel(this);
    m_empty->setWordWrap(true);
    m_content = new QWidget(this);

    m_verdict = new QLabel(m_content);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setToolTip(tr("The headline: AUC of the map against the best magnetic product that needs no labels, "
                             "at the validation occurrences when you gave some, else at held-out groups of the "
                             "training deposits"));

    m_kindCombo = new QComboBox(m_content);
    m_kindCombo->setToolTip(tr("Prediction rate: validation occurrences the run never saw. Held-out groups: each "
                               "training deposit ranked by a model trained without its group. Success rate: the "
                               "training deposits ranked by the map trained on them (optimistic)."));
    auto *kindLabel = new QLabel(tr("Curves"), m_content);
    kindLabel->setBuddy(m_kindCombo);
    m_plot = new RateCurvePlot(m_content);

    m_aucTitle = new QLabel(tr("AUC of the map and of the zero-label baselines"), m_content);
    m_aucTitle->setWordWrap(true);
    m_auc = table(m_content);
    m_auc->setColumnCount(AucColumnCount);
    m_auc->setHorizontalHeaderLabels(
        {tr("Map"), tr("Kind"), tr("Success\nAUC"), tr("Held-out\nAUC"), tr("Prediction\nAUC")});
    m_auc->setToolTip(tr("Area under each rate curve: the mean share of the valid area scoring below a deposit's "
                         "pixel (ties count half). 0.5 is a random map, 1 a perfect one."));
    m_capturedTitle = new QLabel(m_content);
    m_capturedTitle->setWordWrap(true);
    m_captured = table(m_content);
    const std::vector<double> areas = capturedAreas();
    m_captured->setColumnCount(1 + int(areas.size()));
    QStringList headers{tr("Map")};
    for (double a : areas)
        headers << tr("Top %1 %").arg(QLocale().toString(100.0 * a, 'f', 0));
    m_captured->setHorizontalHeaderLabels(headers);
    m_captured->setToolTip(tr("Share of the deposits whose pixel lies in the highest-scoring part of the valid area "
                              "of each map: what a field programme following that map would find in that much "
                              "ground"));
    m_notes = new QLabel(m_content);
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::RichText);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // One scrolling column, so that the dock keeps a small minimum height: the chart grows with the panel
    // but never below a readable size.
    auto *column = new QWidget;
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->addWidget(m_verdict);
    auto *kindRow = new QHBoxLayout;
    kindRow->addWidget(kindLabel);
    kindRow->addWidget(m_kindCombo, 1);
    columnLayout->addLayout(kindRow);
    columnLayout->addWidget(m_plot, 1);
    columnLayout->addWidget(m_aucTitle);
    columnLayout->addWidget(m_auc);
    columnLayout->addWidget(m_capturedTitle);
    columnLayout->addWidget(m_captured);
    columnLayout->addWidget(m_notes);
    auto *scroll = new QScrollArea(m_content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(column);
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(scroll);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_empty);
    layout->addWidget(m_content, 1);

    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            setKind(RateCurvePlot::Kind(m_kindCombo->itemData(index).toInt()));
    });
    clear();
}

void EvaluationView::clear()
{
    m_evaluation = MapEvaluation();
    m_empty->setText(tr("Train to see how the map ranks known deposits against magnetic products of the survey "
                        "that need no labels."));
    m_empty->setVisible(true);
    m_content->setVisible(false);
    {
        const QSignalBlocker block(m_kindCombo);
        m_kindCombo->clear();
    }
    m_plot->clear();
    m_auc->setRowCount(0);
    m_captured->setRowCount(0);
    m_verdict->clear();
    m_notes->clear();
}

QList<RateCurvePlot::Kind> EvaluationView::availableKinds() const
{
    QList<RateCurvePlot::Kind> kinds;
    for (RateCurvePlot::Kind k :
         {RateCurvePlot::Kind::Prediction, RateCurvePlot::Kind::HeldOut, RateCurvePlot::Kind::Success}) {
        const bool any = std::any_of(m_evaluation.rows.begin(), m_evaluation.rows.end(), [k](const ScoreEvaluation &r) {
            return RateCurvePlot::curveOf(r, k).occurrences > 0;
        });
        if (any)
            kinds << k;
    }
    return kinds;
}

void EvaluationView::setEvaluation(const MapEvaluation &evaluation)
{
    clear();
    if (evaluation.empty()) {
        m_empty->setText(tr("This result holds no evaluation against deposits: it was made by an earlier version of "
                            "Lodestone, or read from a folder without one. Train again to evaluate the map."));
        return;
    }
    m_evaluation = evaluation;
    m_empty->setVisible(false);
    m_content->setVisible(true);
    const QList<RateCurvePlot::Kind> kinds = availableKinds();
    {
        const QSignalBlocker block(m_kindCombo);
        for (RateCurvePlot::Kind k : kinds)
            m_kindCombo->addItem(RateCurvePlot::kindTitle(k), int(k));
    }
    showVerdict();
    fillAucTable();
    const RateCurvePlot::Kind headline =
        m_evaluation.headline() == "prediction" ? RateCurvePlot::Kind::Prediction : RateCurvePlot::Kind::HeldOut;
    setKind(kinds.contains(headline) || kinds.isEmpty() ? headline : kinds.front());

    QString notes;
    for (const std::string &n : m_evaluation.notes)
        notes += QStringLiteral("<p style=\"color:#8a4b00\">%1</p>").arg(QString::fromStdString(n).toHtmlEscaped());
    notes += QStringLiteral("<p style=\"color:#555\">%1</p>")
                 .arg(tr("AUC: the mean over deposits of the share of the valid area scoring below the deposit's "
                         "pixel (ties count half); 0.5 is a random map. Baselines use no labels, so their held-out "
                         "AUC is their success AUC. Labelled positions closer than %1 pixels form one group; %2 "
                         "groups hold deposits.")
                          .arg(QLocale().toString(m_evaluation.groupDistance, 'f', 0))
                          .arg(m_evaluation.depositGroups)
                          .toHtmlEscaped());
    m_notes->setText(notes);
}

void EvaluationView::setKind(RateCurvePlot::Kind kind)
{
    if (m_evaluation.empty() || !availableKinds().contains(kind))
        return;
    const int index = m_kindCombo->findData(int(kind));
    if (index != m_kindCombo->currentIndex()) {
        const QSignalBlocker block(m_kindCombo);
        m_kindCombo->setCurrentIndex(index);
    }
    m_plot->setEvaluation(m_evaluation, kind);
    fillCapturedTable();
}

double EvaluationView::captured(const RateCurve &curve, double area)
{
    if (curve.occurrences == 0)
        return NAN;
    if (!curve.rank.empty())
        return capturedInTop(curve, area);
    // The curve is a right-continuous step function sampled at every step: the value at the last abscissa at or
    // left of area.
    const auto it = std::upper_bound(curve.area.begin(), curve.area.end(), area);
    if (it == curve.area.begin() || curve.captured.size() != curve.area.size())
        return 0.0;
    return curve.captured[std::size_t(it - curve.area.begin() - 1)];
}

void EvaluationView::showVerdict()
{
    const MapEvaluation &e = m_evaluation;
    const ScoreEvaluation &model = e.rows.front();
    const double modelAuc = e.headlineAuc(model);
    const bool prediction = e.headline() == "prediction";
    const QLocale locale;
    QString text;
    QString style = QStringLiteral("background:#f4f4f4; border-left:4px solid #888;");
    const int best = e.bestBaseline();
    if (best < 0 || !std::isfinite(modelAuc)) {
        text = prediction ? tr("Prediction-rate AUC of the map at %1 validation occurrences: %2.")
                                .arg(e.validationUsed)
                                .arg(auc(modelAuc))
                          : tr("Held-out AUC of the map: %1.").arg(auc(modelAuc));
    } else {
        const ScoreEvaluation &baseline = e.rows[std::size_t(best)];
        const double baselineAuc = e.headlineAuc(baseline);
        const double difference = modelAuc - baselineAuc;
        const QString name = RateCurvePlot::scoreTitle(baseline);
        const QString by = locale.toString(std::abs(difference), 'f', 3);
        const QString what =
            prediction ? tr("the %1 validation occurrences").arg(e.validationUsed) : tr("held-out deposits");
        if (std::abs(difference) < kLevelWithBaseline) {
            const QString signedBy = (difference >= 0 ? QStringLiteral("+") : QStringLiteral("−")) + by;
            text = tr("The map ranks %1 level with the best zero-label baseline (%2): the difference, %3, is smaller "
                      "than one run's spread between seeds (about %4).")
                       .arg(what, name, signedBy, locale.toString(kLevelWithBaseline, 'f', 2));
        } else if (difference > 0) {
            text = tr("The map ranks %1 above the best zero-label baseline (%2) by %3.").arg(what, name, by);
            style = QStringLiteral("background:#e8f5e9; border-left:4px solid #2e7d32;");
        } else {
            text = tr("The map ranks %1 below the best zero-label baseline (%2) by %3.").arg(what, name, by);
            style = QStringLiteral("background:#fff4e5; border-left:4px solid #b26a00;");
        }
        text += QLatin1Char(' ');
        if (prediction)
            text += tr("Prediction-rate AUC %1 against %2.").arg(auc(modelAuc), auc(baselineAuc));
        else
            text += tr("Held-out AUC %1 against %2 (%3 folds of deposit groups, each ranked by a model trained "
                       "without it).")
                        .arg(auc(modelAuc), auc(baselineAuc))
                        .arg(e.heldOutGroups);
    }
    m_verdict->setText(text);
    m_verdict->setStyleSheet(QStringLiteral("QLabel { %1 padding:6px; }").arg(style));
}

void EvaluationView::fillAucTable()
{
    const MapEvaluation &e = m_evaluation;
    const bool prediction = e.validationUsed > 0;
    const int best = e.bestBaseline();
    const int headlineColumn = prediction ? PredictionColumn : HeldOutColumn;
    m_auc->setRowCount(int(e.rows.size()));
    for (int r = 0; r < int(e.rows.size()); ++r) {
        const ScoreEvaluation &row = e.rows[std::size_t(r)];
        const QString title = RateCurvePlot::scoreTitle(row);
        QTableWidgetItem *items[AucColumnCount] = {
            cell(title, Qt::AlignLeft | Qt::AlignVCenter),
            cell(row.isModel ? tr("model") : tr("no labels"), Qt::AlignLeft | Qt::AlignVCenter),
            cell(auc(row.success.occurrences ? row.success.auc : NAN)),
            cell(auc(row.heldOut.occurrences ? row.heldOut.auc : NAN)),
            cell(auc(row.prediction.occurrences ? row.prediction.auc : NAN)),
        };
        items[MapColumn]->setToolTip(QString::fromStdString(row.name));
        if (r == best)
            items[MapColumn]->setToolTip(
                tr("%1: the best zero-label baseline by the headline AUC").arg(QString::fromStdString(row.name)));
        for (int c = 0; c < AucColumnCount; ++c) {
            if (row.isModel || c == headlineColumn) {
                QFont f = items[c]->font();
                f.setBold(row.isModel || (c == headlineColumn && r == best));
                items[c]->setFont(f);
            }
            if (row.isModel)
                items[c]->setBackground(kModelBackground);
            else if (r == best)
                items[c]->setBackground(kBestBackground);
            m_auc->setItem(r, c, items[c]);
        }
    }
    for (int c = SuccessColumn; c < AucColumnCount; ++c) {
        QTableWidgetItem *h = m_auc->horizontalHeaderItem(c);
        QFont f = h->font();
        f.setBold(c == headlineColumn);
        h->setFont(f);
    }
    m_auc->setColumnHidden(PredictionColumn, !prediction);
    m_aucTitle->setText(prediction ? tr("AUC of the map and of the zero-label baselines; the headline is the "
                                        "prediction rate at %1 validation occurrences.")
                                         .arg(e.validationUsed)
                                   : tr("AUC of the map and of the zero-label baselines; the headline is the "
                                        "held-out AUC (no validation occurrences were given)."));
    fitColumns(m_auc);
    fitHeight(m_auc);
}

void EvaluationView::fillCapturedTable()
{
    const RateCurvePlot::Kind kind = m_plot->kind();
    const std::vector<double> areas = capturedAreas();
    m_captured->setRowCount(0);
    int r = 0;
    for (int i = 0; i < int(m_evaluation.rows.size()); ++i) {
        const ScoreEvaluation &row = m_evaluation.rows[std::size_t(i)];
        const RateCurve &curve = RateCurvePlot::curveOf(row, kind);
        if (curve.occurrences == 0)
            continue;
        m_captured->insertRow(r);
        auto *name = cell(RateCurvePlot::scoreTitle(row), Qt::AlignLeft | Qt::AlignVCenter);
        m_captured->setItem(r, 0, name);
        for (std::size_t a = 0; a < areas.size(); ++a)
            m_captured->setItem(r, int(a) + 1, cell(percent(captured(curve, areas[a]))));
        for (int c = 0; c < m_captured->columnCount(); ++c) {
            if (!row.isModel)
                continue;
            QFont f = m_captured->item(r, c)->font();
            f.setBold(true);
            m_captured->item(r, c)->setFont(f);
            m_captured->item(r, c)->setBackground(kModelBackground);
        }
        ++r;
    }
    const RateCurve &first = RateCurvePlot::curveOf(m_evaluation.rows.front(), kind);
    switch (kind) {
    case RateCurvePlot::Kind::Prediction:
        m_capturedTitle->setText(
            tr("Share of the %1 validation occurrences in the top of each map's area").arg(first.occurrences));
        break;
    case RateCurvePlot::Kind::HeldOut:
        m_capturedTitle->setText(
            tr("Share of the %1 held-out training deposits in the top of each map's area").arg(first.occurrences));
        break;
    case RateCurvePlot::Kind::Success:
        m_capturedTitle->setText(
            tr("Share of the %1 training deposits in the top of each map's area").arg(first.occurrences));
        break;
    }
    fitColumns(m_captured);
    fitHeight(m_captured);
}

} // namespace lodestone
