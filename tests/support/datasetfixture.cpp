#include "datasetfixture.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QSqlRecord>

namespace campdesk::test {

QString generateDataSet(const QString& spec, const QStringList& extraArguments)
{
    QString binaryDir = qEnvironmentVariable("CAMPDESK_BINARY_DIR");
    if (binaryDir.isEmpty())
        binaryDir = QStringLiteral(CAMPDESK_BINARY_DIR);
    QProcess datagen;
    datagen.start(binaryDir + QStringLiteral("/tools/datagen/campdesk-datagen"),
                  QStringList { QStringLiteral("--database"), spec, QStringLiteral("--quiet") } + extraArguments);
    if (!datagen.waitForFinished(300000))
        return QStringLiteral("campdesk-datagen did not finish: ") + datagen.errorString();
    if (datagen.exitStatus() != QProcess::NormalExit || datagen.exitCode() != 0)
        return QString::fromUtf8(datagen.readAllStandardError());
    return QString();
}

QByteArray contentChecksum(Database& db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QList<QPair<const char*, const char*>> tables {
        { "campsites", "id" },
        { "customers", "id" },
        { "reservations", "id" },
        { "reservation_nights", "campsite_id, night" },
        { "payments", "id" },
        { "mileage_ledger", "id" },
        { "reviews", "id" },
        { "domain_events", "id" },
        { "campsite_status", "campsite_id" },
        { "daily_stats", "day" },
    };
    Status status = db.read([&](SqlSession& s) -> Status {
        for (const auto& [table, key] : tables) {
            hash.addData(table);
            SqlRows q
                = s.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg(QLatin1String(table), QLatin1String(key)));
            const int columns = q.record().count();
            while (q.next()) {
                for (int i = 0; i < columns; ++i) {
                    hash.addData(q.isNull(i) ? QByteArrayView("\x01NULL")
                                             : QByteArrayView(q.value(i).toString().toUtf8()));
                    hash.addData(QByteArrayView("\x1f"));
                }
                hash.addData(QByteArrayView("\x1e"));
            }
        }
        return {};
    });
    return status.ok() ? hash.result().toHex() : QByteArray();
}

} // namespace campdesk::test
