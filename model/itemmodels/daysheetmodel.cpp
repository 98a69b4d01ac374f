#include "itemmodels/daysheetmodel.h"

#include "core/backgroundpool.h"
#include "core/eventbus.h"
#include "core/money.h"
#include "domain/customerservice.h"
#include "domain/guestdetails.h"
#include "domain/statustext.h"
#include "itemmodels/refreshgate.h"

#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

DaySheetModel::DaySheetModel(Database& db, EventBus* bus, const Actor& actor, DaySheetKind kind, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_query(db)
    , m_actor(actor)
    , m_kind(kind)
    , m_gate(new RefreshGate([this] { reload(); }, this))
{
    connect(&m_watcher, &QFutureWatcher<Result<QList<DaySheetRow>>>::finished, this,
            &DaySheetModel::backgroundReadDone);
    if (bus) {
        connect(bus, &EventBus::published, this, [this](const DomainEvent& event) {
            if (m_day.isValid()
                && (event.aggregate == QLatin1String("reservation") || event.aggregate == QLatin1String("payment"))
                && m_gate->admit())
                reload();
        });
    }
}

DaySheetModel::~DaySheetModel()
{
    m_watcher.waitForFinished(); // the worker opens its connection from m_db
}

void DaySheetModel::setDay(const QDate& day)
{
    m_day = day;
    if (m_gate->admit()) // a hidden page (at start-up) reads its sheets when shown
        reload();
}

void DaySheetModel::reload()
{
    if (m_background) {
        readInBackground();
        return;
    }
    apply(m_query.sheet(m_actor, m_kind, m_day));
}

void DaySheetModel::readInBackground()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    const Database* db = &m_db;
    const Actor actor = m_actor;
    const DaySheetKind kind = m_kind;
    const QDate day = m_day;
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [db, actor, kind, day]() -> Result<QList<DaySheetRow>> {
        Result<std::unique_ptr<Database>> own = db->openAnother(QStringLiteral("-sheets"));
        if (!own.ok())
            return own.error();
        return DaySheetQuery(*own.value()).sheet(actor, kind, day);
    }));
    emit loadingChanged(true);
}

void DaySheetModel::backgroundReadDone()
{
    const Result<QList<DaySheetRow>> read = m_watcher.result();
    // Rows of a day no longer chosen, or older than a booking announced meanwhile, are read again instead; a page
    // hidden meanwhile reads when shown (admit() notes it).
    if (std::exchange(m_readAgain, false) && m_gate->admit()) {
        m_reading = false;
        readInBackground();
        return;
    }
    m_reading = false;
    if (!m_gate->isStale())
        apply(read);
    emit loadingChanged(false);
}

void DaySheetModel::apply(const Result<QList<DaySheetRow>>& read)
{
    beginResetModel();
    m_shownDay = m_day; // a read of an earlier day is never applied (read again instead)
    m_error = read.ok() ? QString() : read.error().message;
    m_rows = read.ok() ? read.value() : QList<DaySheetRow>();
    endResetModel();
}

qint64 DaySheetModel::totalBalance() const
{
    qint64 sum = 0;
    for (const DaySheetRow& row : m_rows)
        sum += row.balance();
    return sum;
}

int DaySheetModel::totalGuests() const
{
    int sum = 0;
    for (const DaySheetRow& row : m_rows)
        sum += row.guests;
    return sum;
}

int DaySheetModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DaySheetModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DaySheetModel::vehiclesText(const DaySheetRow& row)
{
    return row.plates.join(QStringLiteral(", "));
}

QString DaySheetModel::equipmentText(const DaySheetRow& row)
{
    const QString name = GuestDetails::equipmentName(row.equipment);
    const QString length = GuestDetails::lengthText(row.equipmentLengthDm);
    return length.isEmpty() ? name : tr("%1, %2").arg(name, length);
}

QVariant DaySheetModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const DaySheetRow& row = m_rows.at(index.row());
    if (role == ReservationIdRole)
        return row.reservationId;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == Guests || index.column() == Paid || index.column() == Balance)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == RawRole) {
        switch (index.column()) {
        case Guests:
            return row.guests;
        case Paid:
            return row.paid;
        case Balance:
            return row.balance();
        case Status:
            return row.status;
        case Equipment:
            return row.equipment;
        case Stay:
            return QStringLiteral("%1/%2").arg(row.checkIn.toString(Qt::ISODate), row.checkOut.toString(Qt::ISODate));
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Guest && row.guestName != row.customerName)
        return tr("Booked by %1").arg(row.customerName);
    if (role == Qt::ToolTipRole && index.column() == Notes)
        return row.notes;
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case Campsite:
        return QStringLiteral("%1 %2").arg(row.campsiteCode, row.campsiteName);
    case Guest:
        return row.guestName;
    case Guests:
        return locale.toString(row.guests);
    case Vehicles:
        return vehiclesText(row);
    case Equipment:
        return equipmentText(row);
    case Stay:
        return tr("%1 – %2").arg(locale.toString(row.checkIn, QLocale::ShortFormat),
                                 locale.toString(row.checkOut, QLocale::ShortFormat));
    case Status:
        return StatusText::name(QStringLiteral("reservation"), row.status);
    case Paid:
        return formatWon(row.paid, locale);
    case Balance:
        return formatWon(row.balance(), locale);
    case Notes:
        return QString(row.notes).replace(QLatin1Char('\n'), QLatin1Char(' '));
    }
    return {};
}

QVariant DaySheetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Campsite:
        return tr("Campsite");
    case Guest:
        return tr("Guest");
    case Guests:
        return tr("Guests");
    case Vehicles:
        return tr("Vehicles");
    case Equipment:
        return tr("Equipment");
    case Stay:
        return tr("Stay");
    case Status:
        return tr("Status");
    case Paid:
        return tr("Paid");
    case Balance:
        return tr("Balance");
    case Notes:
        return tr("Notes");
    }
    return {};
}

} // namespace campdesk
