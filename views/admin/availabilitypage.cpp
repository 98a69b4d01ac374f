#include "availabilitypage.h"

#include "availabilityrack.h"
#include "domain/statustext.h"
#include "itemmodels/availabilityrackmodel.h"
#include "refreshwhileshown.h"
#include "statusdelegate.h"

#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace campdesk {

namespace {
QLabel* legendChip(const QString& status, QWidget* parent)
{
    const QColor color = StatusDelegate::color(QStringLiteral("reservation"), status);
    auto* chip = new QLabel(StatusText::name(QStringLiteral("reservation"), status), parent);
    chip->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: white; border-radius: 8px; padding: 2px 10px; }")
            .arg(color.name()));
    return chip;
}
} // namespace

AvailabilityPage::AvailabilityPage(AvailabilityRackModel* model, const Actor& actor, QWidget* parent)
    : Page(parent)
    , m_model(model)
    , m_rack(new AvailabilityRack(this))
    , m_start(new QDateEdit(this))
    , m_range(new QLabel(this))
{
    Q_UNUSED(actor);
    m_model->setParent(this);
    // The rack loads only while the page is shown (42 nights of every campsite; a chain has thousands).
    refreshWhileShown(this, m_model->refreshGate());
    m_rack->setObjectName(QStringLiteral("availabilityRack"));
    m_rack->setRackModel(m_model);
    m_start->setObjectName(QStringLiteral("rackStart"));
    m_start->setCalendarPopup(true);
    m_start->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));

    auto button = [this](const QString& text, const QString& tip, const QString& name, int days) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setObjectName(name);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, [this, days] {
            if (days == 0)
                showFrom(QDate::currentDate());
            else if (days == 31 || days == -31)
                showFrom(m_model->start().addMonths(days > 0 ? 1 : -1));
            else
                showFrom(m_model->start().addDays(days));
        });
        return b;
    };
    auto* nav = new QHBoxLayout;
    nav->addWidget(button(QStringLiteral("«"), tr("Previous month"), QStringLiteral("previousMonth"), -31));
    nav->addWidget(button(QStringLiteral("‹"), tr("Previous week"), QStringLiteral("previousWeek"), -7));
    nav->addWidget(button(tr("Today"), tr("Start at today"), QStringLiteral("today"), 0));
    nav->addWidget(button(QStringLiteral("›"), tr("Next week"), QStringLiteral("nextWeek"), 7));
    nav->addWidget(button(QStringLiteral("»"), tr("Next month"), QStringLiteral("nextMonth"), 31));
    nav->addWidget(m_start);
    nav->addWidget(m_range);
    // A busy campground's six weeks take a moment to read; the rack stays usable meanwhile.
    auto* loading = new QLabel(tr("Loading…"), this);
    loading->setObjectName(QStringLiteral("rackLoading"));
    loading->setStyleSheet(QStringLiteral("color: palette(mid);"));
    loading->setVisible(m_model->isLoading());
    connect(m_model, &AvailabilityRackModel::loadingChanged, loading, &QLabel::setVisible);
    nav->addWidget(loading);
    nav->addStretch(1);
    // The legend on a line of its own: with the navigation it made the page wider than a 1024-wide screen.
    auto* legend = new QHBoxLayout;
    for (const char* status : { "confirmed", "checked_in", "checked_out" })
        legend->addWidget(legendChip(QLatin1String(status), this));
    auto* maintenance = new QLabel(tr("Hatched: under maintenance"), this);
    legend->addWidget(maintenance);
    legend->addStretch(1);

    auto* hint = new QLabel(
        tr("Drag along a campsite's row over free nights to book them; click a stay to open it, drag it to "
           "another site or other dates to move it, drag its right end to extend or shorten it."),
        this);
    hint->setObjectName(QStringLiteral("rackHint"));
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Availability")), this));
    layout->addLayout(nav);
    layout->addLayout(legend);
    layout->addWidget(m_rack, 1);
    layout->addWidget(hint);

    connect(m_rack, &AvailabilityRack::bookingRequested, this, &AvailabilityPage::bookingRequested);
    connect(m_rack, &AvailabilityRack::blockRequested, this, &AvailabilityPage::blockRequested);
    connect(m_rack, &AvailabilityRack::blockRemovalRequested, this, &AvailabilityPage::blockRemovalRequested);
    connect(m_rack, &AvailabilityRack::reservationClicked, this, &AvailabilityPage::reservationRequested);
    connect(m_rack, &AvailabilityRack::changeRequested, this, &AvailabilityPage::changeRequested);
    connect(m_start, &QDateEdit::dateChanged, this, [this](const QDate& date) {
        if (date != m_model->start())
            showFrom(date);
    });
    // Start a few days back, so today's departures are in view.
    showFrom(QDate::currentDate().addDays(-3));
}

void AvailabilityPage::showFrom(const QDate& start)
{
    m_model->setRange(start, daysShown);
    m_start->setDate(start);
    m_rack->horizontalScrollBar()->setValue(0);
    updateTitle();
}

void AvailabilityPage::updateTitle()
{
    const QLocale locale;
    m_range->setText(tr("%1 – %2").arg(locale.toString(m_model->start(), QLocale::ShortFormat),
                                       locale.toString(m_model->start().addDays(daysShown - 1), QLocale::ShortFormat)));
}

void AvailabilityPage::refresh()
{
    m_model->refresh();
}

} // namespace campdesk
