#include "groupbookingdialog.h"

#include "core/backgroundpool.h"
#include "core/money.h"
#include "domain/campsiteservice.h"
#include "domain/paymentgateway.h"
#include "fieldmessage.h"
#include "numberedit.h"
#include "payerform.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace campdesk {

GroupBookingDialog::GroupBookingDialog(BookingService& bookings, CampsiteService& campsites, Gateways gateways,
                                       const Actor& actor, QWidget* parent)
    : QDialog(parent)
    , m_groups(bookings)
    , m_customers(bookings.database())
    , m_gateways(gateways)
    , m_actor(actor)
    , m_payer(new PayerForm(m_customers, tr("Payer"), this))
    , m_partsLayout(new QVBoxLayout)
    , m_addPart(new QPushButton(tr("&Add a site"), this))
    , m_quote(new QLabel(this))
    , m_cash(new QRadioButton(tr("Cash"), this))
    , m_cardMachine(new QRadioButton(tr("Card machine at the desk"), this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Group booking"));
    setObjectName(QStringLiteral("groupBookingDialog"));
    setMinimumWidth(640);

    if (Result<QList<Campsite>> sites = campsites.list(false); sites.ok()) {
        for (const Campsite& site : sites.value()) {
            if (site.status == CampsiteStatus::Active)
                m_sites.append(
                    { site.id, QStringLiteral("%1  %2 (%3)").arg(site.code, site.name, formatWon(site.nightlyPrice)) });
        }
    }

    // The payer's messages in the language the desk works in, unless a returning customer chose another.
    m_payer->setLanguage(QLocale().language() == QLocale::English ? QStringLiteral("en") : QStringLiteral("ko"));

    // The sites, one row each, in a scrolling list: a club may book many.
    auto* parts = new QGroupBox(tr("Sites"), this);
    auto* partsBox = new QVBoxLayout(parts);
    // Column heads over the rows, spaced as a row is (the number and the remove button keep their room).
    auto* heads = new QWidget(parts);
    auto* headsLayout = new QHBoxLayout(heads);
    headsLayout->setContentsMargins(0, 0, 0, 0);
    auto* numberRoom = new QLabel(QStringLiteral("20."), heads);
    auto* removeRoom = new QPushButton(tr("Remove"), heads);
    for (QWidget* room : std::initializer_list<QWidget*> { numberRoom, removeRoom }) {
        QSizePolicy policy = room->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        room->setSizePolicy(policy);
        room->hide();
    }
    headsLayout->addWidget(numberRoom);
    headsLayout->addWidget(new QLabel(tr("Campsite"), heads), 3);
    headsLayout->addWidget(new QLabel(tr("Check-in"), heads), 2);
    headsLayout->addWidget(new QLabel(tr("Check-out"), heads), 2);
    headsLayout->addWidget(new QLabel(tr("Guests"), heads), 1);
    headsLayout->addWidget(removeRoom);
    partsBox->addWidget(heads);
    auto* list = new QWidget(parts);
    auto* listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(m_partsLayout);
    listLayout->addStretch(1);
    auto* scroll = new QScrollArea(parts);
    scroll->setObjectName(QStringLiteral("parts"));
    scroll->setWidget(list);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumHeight(fontMetrics().lineSpacing() * 9);
    partsBox->addWidget(scroll, 1);
    m_addPart->setObjectName(QStringLiteral("addPart"));
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_addPart);
    addRow->addStretch(1);
    partsBox->addLayout(addRow);
    m_quote->setObjectName(QStringLiteral("quote"));
    m_quote->setTextFormat(Qt::RichText);
    m_quote->setWordWrap(true);
    partsBox->addWidget(m_quote);

    auto* payment = new QGroupBox(tr("One payment for the group"), this);
    auto* paymentLayout = new QHBoxLayout(payment);
    m_cash->setObjectName(QStringLiteral("payCash"));
    m_cardMachine->setObjectName(QStringLiteral("payCardMachine"));
    m_cash->setChecked(true);
    auto* methods = new QButtonGroup(this);
    methods->addButton(m_cash);
    methods->addButton(m_cardMachine);
    paymentLayout->addWidget(m_cash);
    paymentLayout->addWidget(m_cardMachine);
    if (m_gateways.simulated) {
        m_simulated = new QRadioButton(m_gateways.simulated->displayName(), this);
        m_simulated->setObjectName(QStringLiteral("paySimulated"));
        if (m_gateways.simulated->isSimulated()) // training: no money is taken
            m_simulated->setStyleSheet(QStringLiteral("QRadioButton { color: #b45309; font-weight: bold; }"));
        methods->addButton(m_simulated);
        paymentLayout->addWidget(m_simulated);
    }
    paymentLayout->addStretch(1);

    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_progress->setObjectName(QStringLiteral("paymentProgress"));
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Waiting for the payment…"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Book all and &pay"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("bookAndPay"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_payer);
    layout->addWidget(parts, 1);
    layout->addWidget(payment);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &GroupBookingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &GroupBookingDialog::reject);
    connect(m_addPart, &QPushButton::clicked, this, &GroupBookingDialog::addPart);
    connect(m_payer, &PayerForm::changed, this, &GroupBookingDialog::revalidate);
    connect(&m_watcher, &QFutureWatcher<PaymentOutcome>::finished, this, &GroupBookingDialog::paymentAnswered);

    addPart();
    addPart();
}

GroupBookingDialog::~GroupBookingDialog()
{
    // The worker uses the gateway: let it answer before anything goes away.
    m_watcher.waitForFinished();
}

void GroupBookingDialog::addPart()
{
    if (m_paying || m_parts.size() >= GroupBookingService::maxParts)
        return;
    PartRow p;
    p.row = new QWidget(this);
    auto* row = new QHBoxLayout(p.row);
    row->setContentsMargins(0, 0, 0, 0);
    p.number = new QLabel(p.row);
    p.number->setMinimumWidth(p.number->fontMetrics().horizontalAdvance(QStringLiteral("20."))); // as the heads
    p.site = new QComboBox(p.row);
    p.site->setObjectName(QStringLiteral("site"));
    for (const auto& [id, label] : m_sites)
        p.site->addItem(label, id);
    // A new row takes the next site, the dates of the last row: a group usually stays together.
    p.site->setCurrentIndex(std::min<int>(int(m_parts.size()), p.site->count() - 1));
    p.checkIn = new QDateEdit(p.row);
    p.checkOut = new QDateEdit(p.row);
    for (QDateEdit* edit : { p.checkIn, p.checkOut }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    p.checkIn->setObjectName(QStringLiteral("checkIn"));
    p.checkOut->setObjectName(QStringLiteral("checkOut"));
    p.checkIn->setDate(m_parts.isEmpty() ? QDate::currentDate() : m_parts.last().checkIn->date());
    p.checkOut->setDate(m_parts.isEmpty() ? QDate::currentDate().addDays(1) : m_parts.last().checkOut->date());
    p.guests = new NumberEdit(p.row);
    p.guests->setObjectName(QStringLiteral("guests"));
    p.guests->setRange(1, 50);
    p.guests->setValue(2);
    p.siteRow = new FieldMessage(p.site, p.row);
    p.checkInRow = new FieldMessage(p.checkIn, p.row);
    p.checkOutRow = new FieldMessage(p.checkOut, p.row);
    //: unit after the number of guests on one site of a group
    p.guestsRow = new FieldMessage(p.guests, p.row, tr("guests"));
    p.remove = new QPushButton(tr("Remove"), p.row);
    p.remove->setObjectName(QStringLiteral("removePart"));
    row->addWidget(p.number, 0, Qt::AlignTop);
    row->addWidget(p.siteRow, 3, Qt::AlignTop);
    row->addWidget(p.checkInRow, 2, Qt::AlignTop);
    row->addWidget(p.checkOutRow, 2, Qt::AlignTop);
    row->addWidget(p.guestsRow, 1, Qt::AlignTop);
    row->addWidget(p.remove, 0, Qt::AlignTop);
    m_partsLayout->addWidget(p.row);
    QWidget* rowWidget = p.row;
    connect(p.site, &QComboBox::currentIndexChanged, this, &GroupBookingDialog::revalidate);
    connect(p.checkIn, &QDateEdit::dateChanged, this, &GroupBookingDialog::revalidate);
    connect(p.checkOut, &QDateEdit::dateChanged, this, &GroupBookingDialog::revalidate);
    connect(p.guests, &QLineEdit::textChanged, this, &GroupBookingDialog::revalidate);
    connect(p.remove, &QPushButton::clicked, this, [this, rowWidget] {
        for (int i = 0; i < m_parts.size(); ++i) {
            if (m_parts.at(i).row == rowWidget) {
                removePart(i);
                return;
            }
        }
    });
    m_parts.append(p);
    renumber();
    revalidate();
}

void GroupBookingDialog::removePart(int index)
{
    if (m_paying || index < 0 || index >= m_parts.size() || m_parts.size() <= 1)
        return;
    const PartRow p = m_parts.takeAt(index);
    p.row->setObjectName(QString()); // gone now, though deleted later
    p.row->hide();
    p.row->deleteLater();
    renumber();
    revalidate();
}

void GroupBookingDialog::renumber()
{
    for (int i = 0; i < m_parts.size(); ++i) {
        m_parts[i].row->setObjectName(QStringLiteral("part%1").arg(i));
        m_parts[i].number->setText(QStringLiteral("%1.").arg(i + 1));
        m_parts[i].remove->setEnabled(m_parts.size() > 1);
    }
    m_addPart->setEnabled(m_parts.size() < GroupBookingService::maxParts);
}

GroupRequest GroupBookingDialog::request() const
{
    GroupRequest r;
    r.payer = m_payer->customer();
    for (const PartRow& p : m_parts) {
        GroupPart part;
        part.campsiteId = p.site->currentData().toLongLong();
        part.checkIn = p.checkIn->date();
        part.checkOut = p.checkOut->date();
        part.guests = int(p.guests->number().value_or(0));
        r.parts.append(part);
    }
    return r;
}

void GroupBookingDialog::showError(const Error& error)
{
    const int part = GroupBookingService::partOfField(error.field);
    const QString field = error.field.section(QLatin1Char('/'), 2);
    if (part >= 0 && part < m_parts.size()) {
        const PartRow& p = m_parts.at(part);
        FieldMessage* row = field == QLatin1String("checkIn")                        ? p.checkInRow
            : field == QLatin1String("checkOut")                                     ? p.checkOutRow
            : field == QLatin1String("guests") || field == QLatin1String("children") ? p.guestsRow
                                                                                     : p.siteRow;
        row->setMessage(error.message);
    } else {
        m_payer->showError(error);
    }
    m_message->setText(error.message);
}

void GroupBookingDialog::revalidate()
{
    if (m_paying)
        return;
    m_payer->clearMessages();
    for (const PartRow& p : m_parts) {
        for (FieldMessage* row : { p.siteRow, p.checkInRow, p.checkOutRow, p.guestsRow })
            row->setMessage(QString());
        if (!p.guests->problem().isEmpty())
            p.guestsRow->setMessage(p.guests->problem());
    }
    const GroupRequest r = request();
    m_problem.clear();
    m_message->clear();

    // The price of each site that can be priced, before the payer is typed in; the total once all can.
    Result<GroupQuote> quote = m_groups.quote(r);
    QStringList lines;
    for (int i = 0; i < r.parts.size(); ++i) {
        GroupRequest one;
        one.payer = r.payer;
        one.parts = { r.parts.at(i) };
        const Result<GroupQuote> part = quote.ok() ? quote : m_groups.quote(one);
        const int at = quote.ok() ? i : 0;
        if (part.ok() && at < part->parts.size()) {
            const Quote& q = part->parts.at(at);
            lines << tr("%1. %n night(s), %2", nullptr, q.nights).arg(i + 1).arg(formatWon(q.payable).toHtmlEscaped());
        } else {
            lines << QStringLiteral("%1. –").arg(i + 1);
        }
    }
    if (quote.ok())
        lines << tr("<b>To pay for %n site(s): %1</b>", nullptr, int(quote->parts.size()))
                     .arg(formatWon(quote->total).toHtmlEscaped());
    m_quote->setText(lines.join(QStringLiteral(" · ")));
    Status valid = m_groups.validate(r);
    if (!valid.ok()) {
        m_problem = valid.error().message;
        showError(valid.error());
    } else if (!quote.ok()) {
        m_problem = quote.error().message;
        showError(quote.error());
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

void GroupBookingDialog::setPaying(bool paying)
{
    m_paying = paying;
    for (QWidget* w : std::initializer_list<QWidget*> { m_payer, m_addPart, m_cash, m_cardMachine })
        w->setEnabled(!paying);
    if (m_simulated)
        m_simulated->setEnabled(!paying);
    for (const PartRow& p : m_parts)
        p.row->setEnabled(!paying);
    m_buttons->setEnabled(!paying);
    m_progress->setVisible(paying);
    if (paying)
        m_message->clear();
}

void GroupBookingDialog::accept()
{
    revalidate();
    if (m_paying || !m_problem.isEmpty())
        return;
    PaymentGateway* gateway = m_simulated && m_simulated->isChecked() ? m_gateways.simulated : m_gateways.desk;
    const QString method = gateway == m_gateways.simulated ? QStringLiteral("card")
        : m_cash->isChecked()                              ? QStringLiteral("cash")
                                                           : QStringLiteral("desk_card");
    // Every site held in one go, or none; then the one payment runs on a worker.
    Result<BookingGroup> held = m_groups.hold(m_actor, request(), *gateway, method);
    if (!held.ok()) {
        m_problem = held.error().message;
        showError(held.error());
        return;
    }
    m_group = held.value();
    m_payingGateway = gateway;
    setPaying(true);
    const PaymentRequest charge = GroupBookingService::paymentRequest(m_group, method);
    m_watcher.setFuture(
        QtConcurrent::run(backgroundPool(), [gateway, charge] { return BookingService::charge(*gateway, charge); }));
}

void GroupBookingDialog::paymentAnswered()
{
    Result<BookingGroup> done = m_groups.finishPayment(m_actor, m_group.id, *m_payingGateway, m_watcher.result());
    setPaying(false);
    if (done.ok()) {
        m_group = done.value();
        QDialog::accept();
        return;
    }
    m_group = BookingGroup();
    revalidate();
    m_message->setText(done.error().message);
}

void GroupBookingDialog::reject()
{
    if (m_paying)
        return; // the money may be moving: wait for the answer
    QDialog::reject();
}

} // namespace campdesk
