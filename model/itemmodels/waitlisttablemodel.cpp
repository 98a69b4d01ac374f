#include "itemmodels/waitlisttablemodel.h"

#include "core/eventbus.h"
#include "itemmodels/refreshgate.h"

#include <QDateTime>
#include <QLocale>

namespace campdesk {

WaitlistTableModel::WaitlistTableModel(WaitlistService& service, EventBus* bus, const Actor& actor, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_actor(actor)
{
    m_gate = new RefreshGate([this] { refresh(); }, this);
    const auto refreshIfShown = [this] {
        if (m_gate->admit())
            refresh();
    };
    m_soon.setSingleShot(true);
    m_soon.setInterval(200);
    connect(&m_soon, &QTimer::timeout, this, refreshIfShown);
    m_periodic.setInterval(30 * 1000);
    connect(&m_periodic, &QTimer::timeout, this, refreshIfShown);
    m_periodic.start();
    if (bus) {
        connect(bus, &EventBus::published, this, [this](const DomainEvent& event) {
            if (event.aggregate == QLatin1String("reservation") && !m_soon.isActive())
                m_soon.start();
        });
    }
    refresh();
}

void WaitlistTableModel::refresh()
{
    Result<QList<WaitlistEntry>> entries = m_service.list(m_actor);
    beginResetModel();
    if (entries.ok()) {
        m_entries.clear();
        for (const WaitlistEntry& e : entries.value()) {
            const bool live = e.status == WaitlistStatus::Waiting || e.status == WaitlistStatus::Offered;
            if (m_statusFilter.isEmpty() || (m_statusFilter == QLatin1String("live") && live)
                || waitlistStatusKey(e.status) == m_statusFilter)
                m_entries.append(e);
        }
        m_error.clear();
    } else {
        m_entries.clear();
        m_error = entries.error().message;
    }
    endResetModel();
    emit refreshed();
}

void WaitlistTableModel::setStatusFilter(const QString& key)
{
    if (key == m_statusFilter)
        return;
    m_statusFilter = key;
    refresh();
}

int WaitlistTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int WaitlistTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Count;
}

int WaitlistTableModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id == id)
            return row;
    }
    return -1;
}

QVariant WaitlistTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return QVariant();
    const WaitlistEntry& e = m_entries.at(index.row());
    if (role == Qt::UserRole)
        return e.id;
    const bool live = e.status == WaitlistStatus::Waiting || e.status == WaitlistStatus::Offered;
    if (role == SortRole) {
        switch (index.column()) {
        case Position:
            return index.row();
        case Status:
            return int(e.status);
        case CheckIn:
            return e.checkIn;
        case Nights:
            return e.nights();
        case Guests:
            return e.guests;
        case OfferExpires:
            return e.offerExpiresAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Position:
        case Nights:
        case Guests:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant();
        }
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    const QLocale locale;
    switch (index.column()) {
    case Position:
        return live ? QVariant(index.row() + 1) : QVariant();
    case Status:
        return waitlistStatusName(e.status);
    case Name:
        return e.name;
    case Phone:
        return e.phone;
    case CheckIn:
        return locale.toString(e.checkIn, QLocale::ShortFormat);
    case Nights:
        return e.nights();
    case Guests:
        return e.guests;
    case Kind:
        return e.kind ? campsiteKindName(*e.kind) : tr("Any");
    case Offer:
        return e.reservationCode.isEmpty() ? QString()
                                           : QStringLiteral("%1 (%2)").arg(e.campsiteCode, e.reservationCode);
    case OfferExpires:
        return e.status == WaitlistStatus::Offered && e.offerExpiresAt > 0
            ? locale.toString(QDateTime::fromMSecsSinceEpoch(e.offerExpiresAt).toLocalTime(), QLocale::ShortFormat)
            : QString();
    case Channel:
        return e.channel == QLatin1String("kiosk") ? tr("Kiosk") : tr("Desk");
    default:
        return QVariant();
    }
}

QVariant WaitlistTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Position:
        //: the place in the waitlist's order
        return tr("#");
    case Status:
        return tr("Status");
    case Name:
        return tr("Name");
    case Phone:
        return tr("Phone");
    case CheckIn:
        return tr("Check-in");
    case Nights:
        return tr("Nights");
    case Guests:
        return tr("Guests");
    case Kind:
        return tr("Site kind");
    case Offer:
        return tr("Offered site");
    case OfferExpires:
        return tr("Offer ends");
    case Channel:
        return tr("Joined at");
    default:
        return QVariant();
    }
}

} // namespace campdesk
