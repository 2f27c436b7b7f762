// ProjectFile: every setting and the view survive a save and load; paths are found relative to the project
// when the folder moved and absolute when only the project moved; broken files, and files holding values of the
// wrong type or out of range, are refused with a sentence naming the file and the key; files of the first schema
// (written with Qt's JSON) still load.
#include "projectfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lodestone;

class TestProjectFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static void touch(const QString &path)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write("x");
    }

    Project sample(const QString &folder) const
    {
        Project p;
        p.surveyPath = QDir(folder).filePath(QStringLiteral("data/survey.tif"));
        p.band = 2;
        p.labelsPath = QDir(folder).filePath(QStringLiteral("data/labels.tif"));
        p.params.autoencoder.patchSize = 30;
        p.params.autoencoder.filters = {8, 4, 2};
        p.params.autoencoder.learningRate = 0.002;
        p.params.featureMethod = FeatureMethod::Exact;
        p.params.stride = 3;
        p.params.mode = SvmMode::PatchSamples;
        p.params.experiments.svm.c = 4;
        p.params.experiments.folds = 4;
        p.params.experiments.perClass = 0;
        p.params.experiments.patchResize = 5;
        p.params.seed = 1234567;
        p.params.ensemble = 4;
        p.validationPath = QDir(folder).filePath(QStringLiteral("data/validation.csv"));
        p.resultsFolder = QDir(folder).filePath(QStringLiteral("project_results"));
        p.resultParams = p.params;
        p.resultParams.autoencoder.epochs = 9;
        p.exports.insert(QStringLiteral("ReportCsv"), QDir(folder).filePath(QStringLiteral("out/report.csv")));
        p.hasView = true;
        p.viewExtent = QRectF(QPointF(300100.0, 6699900.0), QPointF(301500.5, 6698000.0));
        p.hasStyle = true;
        p.style.ramp = ColorRamp::Greys;
        p.style.stretch = RenderSettings::Stretch::PercentClip;
        p.style.lowPercent = 5;
        p.style.azimuth = 45;
        p.style.blend = RenderSettings::ShadeBlend::Multiply;
        p.units = QStringLiteral("nT/m");
        p.threshold = 0.7;
        p.greyBelow = true;
        p.classes = {true, 0.5};
        p.probability = {false, 1.0};
        p.features = {0, 5};
        return p;
    }

private Q_SLOTS:
    void everythingRoundTrips()
    {
        const QString folder = m_dir.filePath(QStringLiteral("a"));
        const Project p = sample(folder);
        touch(p.surveyPath);
        touch(p.labelsPath);
        const QString path = QDir(folder).filePath(QStringLiteral("project.lodestone"));
        QString error;
        QVERIFY2(ProjectFile::save(p, path, &error), qPrintable(error));
        Project q;
        QVERIFY2(ProjectFile::load(path, &q, &error), qPrintable(error));
        QCOMPARE(q.surveyPath, p.surveyPath);
        QCOMPARE(q.band, 2);
        QCOMPARE(q.labelsPath, p.labelsPath);
        QCOMPARE(q.params.autoencoder.patchSize, 30);
        QCOMPARE(q.params.autoencoder.filters, (std::array<int, 3>{8, 4, 2}));
        QCOMPARE(q.params.autoencoder.learningRate, 0.002);
        QCOMPARE(int(q.params.featureMethod), int(FeatureMethod::Exact));
        QCOMPARE(q.params.stride, 3);
        QCOMPARE(int(q.params.mode), int(SvmMode::PatchSamples));
        QCOMPARE(q.params.experiments.svm.c, 4.0);
        QCOMPARE(q.params.experiments.svm.gamma, 0.0);
        QCOMPARE(q.params.experiments.folds, 4);
        QCOMPARE(q.params.experiments.perClass, 0);
        QCOMPARE(q.params.experiments.patchResize, 5);
        QCOMPARE(q.params.seed, std::uint64_t(1234567));
        QCOMPARE(q.params.ensemble, 4);
        QCOMPARE(q.validationPath, p.validationPath);
        QCOMPARE(q.resultsFolder, p.resultsFolder);
        QCOMPARE(q.resultParams.autoencoder.epochs, 9);
        QCOMPARE(q.exports.value(QStringLiteral("ReportCsv")), p.exports.value(QStringLiteral("ReportCsv")));
        QVERIFY(q.hasView);
        QCOMPARE(q.viewExtent.topLeft(), p.viewExtent.topLeft());
        QCOMPARE(q.viewExtent.bottomRight(), p.viewExtent.bottomRight());
        QVERIFY(q.hasStyle);
        QVERIFY(q.style == p.style);
        QCOMPARE(q.units, QStringLiteral("nT/m"));
        QCOMPARE(q.threshold, 0.7);
        QVERIFY(q.greyBelow);
        QCOMPARE(q.classes.opacity, 0.5);
        QVERIFY(!q.probability.visible);
        QCOMPARE(q.features, (QList<int>{0, 5}));
    }
    void aMovedFolderIsFoundRelativeToTheProject()
    {
        const QString folder = m_dir.filePath(QStringLiteral("b"));
        const Project p = sample(folder);
        touch(p.surveyPath);
        const QString path = QDir(folder).filePath(QStringLiteral("project.lodestone"));
        QVERIFY(ProjectFile::save(p, path, nullptr));
        const QString moved = m_dir.filePath(QStringLiteral("b-moved"));
        QVERIFY(QDir().rename(folder, moved));
        Project q;
        QVERIFY(ProjectFile::load(QDir(moved).filePath(QStringLiteral("project.lodestone")), &q, nullptr));
        QCOMPARE(q.surveyPath, QDir(moved).filePath(QStringLiteral("data/survey.tif")));
    }
    void aMovedProjectFindsItsDataWhereItWas()
    {
        const QString folder = m_dir.filePath(QStringLiteral("c"));
        const Project p = sample(folder);
        touch(p.surveyPath);
        const QString path = QDir(folder).filePath(QStringLiteral("project.lodestone"));
        QVERIFY(ProjectFile::save(p, path, nullptr));
        const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere/deeper/project.lodestone"));
        QDir().mkpath(QFileInfo(elsewhere).absolutePath());
        QVERIFY(QFile::copy(path, elsewhere));
        Project q;
        QVERIFY(ProjectFile::load(elsewhere, &q, nullptr));
        QCOMPARE(q.surveyPath, p.surveyPath);
    }
    void brokenFilesAreRefusedWithASentence()
    {
        QString error;
        Project q;
        QVERIFY(!ProjectFile::load(m_dir.filePath(QStringLiteral("none.lodestone")), &q, &error));
        QVERIFY(error.contains(QStringLiteral("was not found")));
        const QString junk = m_dir.filePath(QStringLiteral("junk.lodestone"));
        touch(junk);
        QVERIFY(!ProjectFile::load(junk, &q, &error));
        QVERIFY2(error.contains(QStringLiteral("is not a Lodestone project")), qPrintable(error));
        // Valid JSON that is not an object: a sentence, not "no error occurred".
        QVERIFY(!ProjectFile::fromJson("[1, 2]", junk, &q, &error));
        QVERIFY2(error.contains(QStringLiteral("its JSON text is not an object")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("no error")), qPrintable(error));
        QVERIFY(!ProjectFile::save(Project(), QStringLiteral("/proc/no/such/dir/p.lodestone"), &error));
        QVERIFY(error.contains(QStringLiteral("Cannot write the project")));
    }
    void valuesOfTheWrongTypeOrOutOfRangeAreRefusedNamingTheKey()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad/project.lodestone"));
        const auto refusal = [&](const QByteArray &training) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile f(path);
            f.open(QIODevice::WriteOnly | QIODevice::Truncate);
            f.write(R"({"format": "lodestone-project", "schema_version": 2, "survey": {"path": "s.tif"},
                        "training": {)" +
                    training + "}}");
            f.close();
            Project q;
            QString error;
            if (ProjectFile::load(path, &q, &error))
                return QStringLiteral("loaded");
            return error;
        };
        QCOMPARE(refusal(R"("epochs": "abc")"),
                 path + QStringLiteral(": 'training.epochs' must be a whole number from 1 to 100000, not \"abc\"."));
        QCOMPARE(refusal(R"("epochs": 99999999999)"),
                 path + QStringLiteral(": 'training.epochs' must be a whole number from 1 to 100000, "
                                       "not 99999999999."));
        QCOMPARE(refusal(R"("mode": 3)"),
                 path + QStringLiteral(": 'training.mode' must be one of \"pixel-features\", \"pixel-samples\", "
                                       "\"patch-features\", \"patch-samples\", not 3."));
        QCOMPARE(refusal(R"("epochs": 3)"), QStringLiteral("loaded"));
        bool threw = false;
        try {
            ProjectFile::paramsFromJson(QJsonObject{{QStringLiteral("ensemble"), -4}});
        } catch (const ProjectError &e) {
            threw = true;
            QCOMPARE(QString::fromStdString(e.what()),
                     QStringLiteral("training: 'training.ensemble' must be a whole number from 1 to 100, not -4."));
        }
        QVERIFY(threw);
    }
    void aProjectOfTheFirstSchemaLoads()
    {
        // As Qt's JSON wrote it: "version": 1, the keys in alphabetical order.
        const QString folder = m_dir.filePath(QStringLiteral("first"));
        touch(QDir(folder).filePath(QStringLiteral("survey.tif")));
        const QString path = QDir(folder).filePath(QStringLiteral("project.lodestone"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({
    "format": "lodestone-project",
    "results": {
    },
    "survey": {
        "absolute": "/nowhere/survey.tif",
        "band": 2,
        "path": "survey.tif"
    },
    "training": {
        "classifier": "logistic",
        "epochs": 7,
        "learning_rate": 0.002,
        "svm_inputs": ["as"]
    },
    "version": 1,
    "view": {
        "below_threshold": "grey",
        "extent": [300100, 6699900, 301500.5, 6698000],
        "layers": {
            "classes": {"opacity": 0.5, "visible": true},
            "features": [0, 5],
            "probability": {"opacity": 1, "visible": false},
            "survey": {"opacity": 1, "visible": true},
            "user": []
        },
        "probability_threshold": 0.7,
        "survey_style": {"azimuth": 45, "blend": "multiply", "ramp": "greys", "stretch": "percent-clip"},
        "units": "nT/m"
    }
}
)");
        f.close();
        Project q;
        QString error;
        QVERIFY2(ProjectFile::load(path, &q, &error), qPrintable(error));
        QCOMPARE(q.surveyPath, QDir(folder).filePath(QStringLiteral("survey.tif")));
        QCOMPARE(q.band, 2);
        QCOMPARE(q.params.autoencoder.epochs, 7);
        QCOMPARE(q.params.autoencoder.learningRate, 0.002);
        QCOMPARE(int(q.params.experiments.svm.kind), int(ClassifierKind::Logistic));
        QCOMPARE(q.params.svmInputs, std::vector<std::string>{"as"});
        QCOMPARE(q.resultParams.autoencoder.epochs, 7);
        QVERIFY(q.greyBelow);
        QVERIFY(q.hasView);
        QCOMPARE(q.viewExtent.bottomRight(), QPointF(301500.5, 6698000));
        QVERIFY(q.hasStyle);
        QCOMPARE(int(q.style.ramp), int(ColorRamp::Greys));
        QCOMPARE(int(q.style.blend), int(RenderSettings::ShadeBlend::Multiply));
        QCOMPARE(q.style.azimuth, 45.0);
        QCOMPARE(q.style.altitude, RenderSettings().altitude);
        QCOMPARE(q.threshold, 0.7);
        QCOMPARE(q.classes.opacity, 0.5);
        QVERIFY(!q.probability.visible);
        QCOMPARE(q.features, (QList<int>{0, 5}));
        // Saved again, it is of the current schema and reads the same.
        QVERIFY(ProjectFile::save(q, path, &error));
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QVERIFY(again.readAll().contains("\"schema_version\": 2"));
        Project r;
        QVERIFY2(ProjectFile::load(path, &r, &error), qPrintable(error));
        QCOMPARE(r.params.autoencoder.learningRate, 0.002);
        QVERIFY(r.style == q.style);
    }
    void missingSettingsKeepTheDefaults()
    {
        const PipelineParams p = ProjectFile::paramsFromJson(QJsonObject{{QStringLiteral("epochs"), 3}});
        QCOMPARE(p.autoencoder.epochs, 3);
        QCOMPARE(p.autoencoder.patchSize, PipelineParams{}.autoencoder.patchSize);
        QCOMPARE(int(p.featureMethod), int(PipelineParams{}.featureMethod));
    }
    void theMachineAndItsInputsAreKeptAndOlderProjectsKeepTheRbfSvm()
    {
        PipelineParams given;
        given.experiments.svm.kind = ClassifierKind::Logistic;
        given.svmInputs = {"as", "localstd9"};
        const PipelineParams back = ProjectFile::paramsFromJson(ProjectFile::paramsToJson(given));
        QCOMPARE(int(back.experiments.svm.kind), int(ClassifierKind::Logistic));
        QCOMPARE(back.svmInputs, given.svmInputs);
        given.experiments.svm.kind = ClassifierKind::RbfSvm;
        given.svmInputs.clear();
        const PipelineParams rbf = ProjectFile::paramsFromJson(ProjectFile::paramsToJson(given));
        QCOMPARE(int(rbf.experiments.svm.kind), int(ClassifierKind::RbfSvm));
        QVERIFY(rbf.svmInputs.empty());
        // Written before the choice existed: those runs used the RBF SVM on the feature rasters alone.
        const PipelineParams old = ProjectFile::paramsFromJson(QJsonObject{{QStringLiteral("svm_c"), 0.0}});
        QCOMPARE(int(old.experiments.svm.kind), int(ClassifierKind::RbfSvm));
        QVERIFY(old.svmInputs.empty());
    }
};

QTEST_MAIN(TestProjectFile)
#include "test_projectfile.moc"
