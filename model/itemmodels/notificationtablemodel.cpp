#include "itemmodels/notificationtablemodel.h"

#include "core/eventbus.h"
#include "domain/customerservice.h"
#include "itemmodels/refreshgate.h"

#include <QDateTime>
#include <QLocale>
#include <QTimer>

namespace campdesk {

namespace {
QString localTime(qint64 ms)
{
    if (ms <= 0)
        return QString();
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}
} // namespace

NotificationTableModel::NotificationTableModel(NotificationService& service, EventBus* bus, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    // Events come in bursts (a confirmation queues two messages, each sent event follows): refresh once.
    m_refreshSoon = new QTimer(this);
    m_refreshSoon->setSingleShot(true);
    m_refreshSoon->setInterval(150);
    m_gate = new RefreshGate([this] { refresh(); }, this);
    connect(m_refreshSoon, &QTimer::timeout, this, [this] {
        if (m_gate->admit())
            refresh();
    });
    if (bus) {
        const auto later = [this] { m_refreshSoon->start(); };
        connect(bus, &EventBus::reservationConfirmed, this, later);
        connect(bus, &EventBus::reservationCancelled, this, later);
        connect(bus, &EventBus::confirmMsgSent, this, later);
        connect(bus, &EventBus::cancelMsgSent, this, later);
    }
}

int NotificationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int NotificationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString NotificationTableModel::statusDisplayName(const QString& status)
{
    if (status == QLatin1String("pending"))
        return tr("Waiting");
    if (status == QLatin1String("sent"))
        return tr("Sent");
    if (status == QLatin1String("dead"))
        return tr("Failed");
    return status;
}

QVariant NotificationTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const NotificationRecord& n = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return n.id;
    case StatusRole:
        return n.status;
    case Qt::ToolTipRole:
        return n.status == QLatin1String("sent") ? n.providerResponse : n.lastError;
    case SortRole:
        switch (index.column()) {
        case IdColumn:
            return n.id;
        case CreatedColumn:
            return n.createdAt;
        case AttemptsColumn:
            return n.attempts;
        case NextAttemptColumn:
            return n.nextAttemptAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return n.id;
        case CreatedColumn:
            return localTime(n.createdAt);
        case ReservationColumn:
            return n.reservationCode;
        case EventColumn:
            return n.event == QLatin1String("ReservationCancelled") ? tr("Cancellation") : tr("Confirmation");
        case ChannelColumn:
            return n.channel == QLatin1String("email") ? tr("E-mail") : tr("SMS / messenger");
        case RecipientColumn:
            // An SMS goes to a stored (digits only) phone number: shown as people write it.
            return n.channel == QLatin1String("email") ? n.recipient : CustomerService::formatPhone(n.recipient);
        case StatusColumn:
            return statusDisplayName(n.status);
        case AttemptsColumn:
            return n.attempts;
        case NextAttemptColumn:
            return n.status == QLatin1String("pending") ? localTime(n.nextAttemptAt) : QString();
        case ResultColumn:
            return n.status == QLatin1String("sent") ? n.providerResponse : n.lastError;
        default:
            return QVariant();
        }
    case Qt::TextAlignmentRole:
        return index.column() == IdColumn || index.column() == AttemptsColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    default:
        return QVariant();
    }
}

QVariant NotificationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("No.");
    case CreatedColumn:
        return tr("Queued");
    case ReservationColumn:
        return tr("Booking");
    case EventColumn:
        return tr("Message");
    case ChannelColumn:
        return tr("Channel");
    case RecipientColumn:
        return tr("To");
    case StatusColumn:
        return tr("Status");
    case AttemptsColumn:
        return tr("Attempts");
    case NextAttemptColumn:
        return tr("Next attempt");
    case ResultColumn:
        return tr("Answer / error");
    default:
        return QVariant();
    }
}

void NotificationTableModel::setStatusFilter(const QString& status)
{
    if (status == m_status)
        return;
    m_status = status;
    (void)refresh();
}

Status NotificationTableModel::refresh()
{
    Result<QList<NotificationRecord>> rows = m_service.list(m_status);
    if (!rows.ok())
        return rows.error();
    beginResetModel();
    m_rows = std::move(rows).value();
    endResetModel();
    return {};
}

} // namespace campdesk
