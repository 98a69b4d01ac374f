#include "retiresitedialog.h"

#include "domain/campsiteservice.h"
#include "domain/reservationchange.h"
#include "domain/serviceflow.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace campdesk {

RetireSiteDialog::RetireSiteDialog(CampsiteService& campsites, ReservationChangeService& changes, const Campsite& site,
                                   const Actor& actor, QWidget* parent)
    : QDialog(parent)
    , m_campsites(campsites)
    , m_changes(changes)
    , m_site(site)
    , m_actor(actor)
    , m_intro(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_report(new QLabel(this))
    , m_moveAll(new QPushButton(tr("Move &all to free sites"), this))
    , m_retire(new QPushButton(tr("&Retire"), this))
    , m_busy(new QProgressBar(this))
    , m_flow(new ServiceFlow(changes.bookings(), this))
    , m_moveResult(std::make_shared<std::optional<Result<MoveOffResult>>>())
{
    setObjectName(QStringLiteral("retireSiteDialog"));
    setWindowTitle(tr("Retire campsite %1").arg(site.code));
    m_intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("comingBookings"));
    m_table->setColumnCount(5);
    m_table->setHorizontalHeaderLabels({ tr("Booking"), tr("Guest"), tr("Stay"), tr("Guests"), QString() });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_report->setObjectName(QStringLiteral("moveReport"));
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_moveAll->setObjectName(QStringLiteral("moveAll"));
    m_moveAll->setToolTip(tr("Move each booking to a free site of the same kind for the same dates"));
    m_retire->setObjectName(QStringLiteral("retireSite"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_retire, QDialogButtonBox::AcceptRole);
    m_busy->setObjectName(QStringLiteral("moveBusy"));
    m_busy->setRange(0, 0); // no count to show: each move is its own transaction, of unknown length
    m_busy->setFormat(tr("Moving…"));
    m_busy->setTextVisible(true);
    m_busy->hide();
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_moveAll);
    actions->addWidget(m_busy, 1);
    actions->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_report);
    layout->addWidget(buttons);
    connect(m_moveAll, &QPushButton::clicked, this, &RetireSiteDialog::moveAll);
    connect(m_retire, &QPushButton::clicked, this, &RetireSiteDialog::retire);
    connect(buttons, &QDialogButtonBox::rejected, this, &RetireSiteDialog::reject);
    connect(m_flow, &ServiceFlow::finished, this, &RetireSiteDialog::movedAll);
    resize(640, 360);
    reload();
}

QString RetireSiteDialog::report() const
{
    return m_report->text();
}

void RetireSiteDialog::reload()
{
    const Result<QList<Reservation>> upcoming = m_campsites.upcomingReservations(m_site.id);
    m_bookings = upcoming.ok() ? upcoming.value() : QList<Reservation>();
    if (!upcoming.ok())
        m_report->setText(upcoming.error().message);
    m_intro->setText(m_bookings.isEmpty()
                         ? tr("Campsite %1 has no coming bookings left: it can be retired.").arg(m_site.code)
                         : tr("Campsite %1 still has %n coming booking(s). Move them to other sites, then retire it.",
                              nullptr, int(m_bookings.size()))
                               .arg(m_site.code));
    const QLocale locale;
    m_table->setRowCount(int(m_bookings.size()));
    for (int row = 0; row < m_bookings.size(); ++row) {
        const Reservation& r = m_bookings.at(row);
        m_table->setItem(row, 0, new QTableWidgetItem(r.code));
        m_table->setItem(row, 1, new QTableWidgetItem(r.guestName.isEmpty() ? r.customerName : r.guestName));
        m_table->setItem(row, 2,
                         new QTableWidgetItem(tr("%1 – %2").arg(locale.toString(r.checkIn, QLocale::ShortFormat),
                                                                locale.toString(r.checkOut, QLocale::ShortFormat))));
        m_table->setItem(row, 3, new QTableWidgetItem(QString::number(r.guests)));
        auto* move = new QPushButton(tr("Move…"), m_table);
        move->setObjectName(QStringLiteral("moveBooking"));
        move->setProperty("reservationId", r.id);
        // A checked-in guest's site cannot change here (the change service says so too).
        move->setEnabled(r.status == ReservationStatus::Confirmed);
        const qint64 id = r.id;
        connect(move, &QPushButton::clicked, this, [this, id] { emit moveRequested(id); });
        m_table->setCellWidget(row, 4, move);
    }
    m_moveAll->setEnabled(!m_bookings.isEmpty());
    m_retire->setEnabled(m_bookings.isEmpty() && upcoming.ok());
}

bool RetireSiteDialog::isBusy() const
{
    return m_flow->isRunning();
}

void RetireSiteDialog::moveAll()
{
    if (isBusy())
        return;
    const Actor actor = m_actor;
    const qint64 siteId = m_site.id;
    auto out = m_moveResult;
    out->reset();
    m_moveAll->setEnabled(false);
    m_retire->setEnabled(false);
    m_report->clear();
    m_busy->show();
    // On the worker's own connection; its ReservationModified events are published here when it is done.
    m_flow->start([actor, siteId, out](BookingService& bookings) -> Result<Reservation> {
        *out = ReservationChangeService(bookings).moveAllOff(actor, siteId);
        if (!out->value().ok())
            return out->value().error();
        return Reservation();
    });
}

void RetireSiteDialog::movedAll(const ServiceOutcome& outcome)
{
    m_busy->hide();
    reload();
    if (!m_moveResult->has_value()) { // the worker could not even open its connection
        m_report->setText(outcome.error.message);
        return;
    }
    const Result<MoveOffResult>& result = m_moveResult->value();
    if (!result.ok()) {
        m_report->setText(result.error().message);
        return;
    }
    QStringList lines;
    if (!result->moved.isEmpty()) {
        QStringList moved;
        for (const Reservation& r : result->moved)
            moved << tr("%1 to %2").arg(r.code, r.campsiteCode);
        lines << tr("Moved: %1.").arg(moved.join(QStringLiteral(", ")));
    }
    if (!result->notMoved.isEmpty())
        lines << tr("Not moved (%n):", nullptr, int(result->notMoved.size())) + QLatin1Char(' ')
                + result->reasons.join(QLatin1Char(' '));
    m_report->setText(lines.join(QLatin1Char('\n')));
}

void RetireSiteDialog::reject()
{
    if (isBusy())
        return; // what was moved must be seen
    QDialog::reject();
}

void RetireSiteDialog::retire()
{
    const Result<CampsiteService::Removal> removed = m_campsites.remove(m_actor, m_site.id);
    if (!removed.ok()) {
        m_report->setText(removed.error().message);
        reload();
        return;
    }
    m_retired = true;
    accept();
}

} // namespace campdesk
