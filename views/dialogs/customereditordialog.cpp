#include "customereditordialog.h"

#include "core/languagemanager.h"
#include "core/money.h"
#include "domain/bookingservice.h"
#include "domain/mileageservice.h"
#include "domain/statustext.h"
#include "fieldmessage.h"
#include "unsavedchanges.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace campdesk {

CustomerEditorDialog::CustomerEditorDialog(CustomerService& customers, const Actor& actor, qint64 customerId,
                                           QWidget* parent)
    : QDialog(parent)
    , m_customers(customers)
    , m_actor(actor)
    , m_name(new QLineEdit(this))
    , m_phone(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_language(new QComboBox(this))
    , m_consent(new QCheckBox(tr("Agrees to booking messages by SMS"), this))
    , m_notes(new QPlainTextEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("customerEditor"));
    setMinimumWidth(460);
    m_name->setObjectName(QStringLiteral("name"));
    m_phone->setObjectName(QStringLiteral("phone"));
    m_phone->setPlaceholderText(tr("010-1234-5678"));
    m_email->setObjectName(QStringLiteral("email"));
    m_language->setObjectName(QStringLiteral("language"));
    for (const QString& code : LanguageManager::languages())
        m_language->addItem(LanguageManager::nativeName(code), code);
    m_consent->setObjectName(QStringLiteral("consent"));
    m_notes->setObjectName(QStringLiteral("notes"));
    m_notes->setPlaceholderText(tr("Seen by staff only, e.g. prefers a quiet site"));
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 5);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));

    m_nameRow = new FieldMessage(m_name, this);
    m_phoneRow = new FieldMessage(m_phone, this);
    m_emailRow = new FieldMessage(m_email, this);
    m_notesRow = new FieldMessage(m_notes, this);
    auto* form = new QFormLayout;
    form->addRow(tr("&Name"), m_nameRow);
    form->addRow(tr("&Phone"), m_phoneRow);
    form->addRow(tr("&E-mail"), m_emailRow);
    form->addRow(tr("&Messages in"), m_language);
    form->addRow(QString(), m_consent);
    form->addRow(tr("N&otes"), m_notesRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    Result<Customer> loaded = m_customers.get(customerId);
    Result<QString> notes = loaded.ok() ? m_customers.notes(actor, customerId) : Result<QString>(loaded.error());
    if (!loaded.ok() || !notes.ok()) {
        setWindowTitle(tr("Customer"));
        m_message->setText(loaded.ok() ? notes.error().message : loaded.error().message);
        for (QWidget* field :
             std::initializer_list<QWidget*> { m_name, m_phone, m_email, m_language, m_consent, m_notes })
            field->setEnabled(false);
        m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    } else {
        m_customer = loaded.value();
        setWindowTitle(tr("Customer %1").arg(m_customer.name));
        m_name->setText(m_customer.name);
        m_phone->setText(CustomerService::formatPhone(m_customer.phone));
        m_email->setText(m_customer.email);
        m_language->setCurrentIndex(std::max(0, m_language->findData(m_customer.language)));
        m_consent->setChecked(m_customer.messageConsent);
        m_notes->setPlainText(notes.value());
        revalidate();
    }

    for (QLineEdit* edit : { m_name, m_phone, m_email })
        connect(edit, &QLineEdit::textChanged, this, &CustomerEditorDialog::revalidate);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &CustomerEditorDialog::revalidate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CustomerEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CustomerEditorDialog::reject);
    m_unsaved = std::make_unique<UnsavedChanges>(this);
    m_unsaved->markClean();
}

CustomerEditorDialog::~CustomerEditorDialog() = default;

Customer CustomerEditorDialog::edited() const
{
    Customer c = m_customer;
    c.name = m_name->text();
    c.phone = m_phone->text();
    c.email = m_email->text();
    c.language = m_language->currentData().toString();
    c.messageConsent = m_consent->isChecked();
    return c;
}

void CustomerEditorDialog::revalidate()
{
    for (FieldMessage* row : { m_nameRow, m_phoneRow, m_emailRow, m_notesRow })
        row->setMessage(QString());
    m_message->clear();
    Status valid = CustomerService::validate(edited());
    // The notes' own rule is the service's (CustomerService::modify); the length is checked here as typed.
    if (valid.ok() && m_notes->toPlainText().trimmed().size() > 1000)
        valid = Error(ErrorCode::Invalid, tr("Notes can be at most 1,000 characters."), QStringLiteral("notes"));
    if (!valid.ok())
        showProblem(valid.error());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(valid.ok());
}

void CustomerEditorDialog::showProblem(const Error& error)
{
    const QHash<QString, FieldMessage*> rows { { QStringLiteral("name"), m_nameRow },
                                               { QStringLiteral("phone"), m_phoneRow },
                                               { QStringLiteral("email"), m_emailRow },
                                               { QStringLiteral("notes"), m_notesRow } };
    if (FieldMessage* row = rows.value(error.field))
        row->setMessage(error.message);
    else
        m_message->setText(error.message);
}

void CustomerEditorDialog::accept()
{
    Result<Customer> saved = m_customers.modify(m_actor, edited(), m_notes->toPlainText());
    if (!saved.ok()) {
        showProblem(saved.error());
        return;
    }
    m_customer = saved.value();
    QDialog::accept();
}

void CustomerEditorDialog::showHistory(BookingService& bookings, MileageService& mileage)
{
    if (m_customer.id <= 0)
        return;
    const QLocale locale;
    auto table = [this](const QString& name, const QStringList& headers) {
        auto* t = new QTableWidget(0, int(headers.size()), this);
        t->setObjectName(name);
        t->setHorizontalHeaderLabels(headers);
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
        t->verticalHeader()->hide();
        t->horizontalHeader()->setStretchLastSection(true);
        t->setMinimumHeight(160);
        return t;
    };
    auto cell = [](QTableWidget* t, int row, int column, const QString& text, bool number = false) {
        auto* item = new QTableWidgetItem(text);
        if (number)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        t->setItem(row, column, item);
    };
    auto* stays = table(QStringLiteral("customerBookings"),
                        { tr("Booking code"), tr("Campsite"), tr("Stay"), tr("Status"), tr("Paid") });
    Result<QList<Reservation>> found = bookings.forCustomer(m_customer.id);
    for (const Reservation& r : found.ok() ? found.value() : QList<Reservation>()) {
        if (!r.isReal())
            continue;
        const int row = stays->rowCount();
        stays->insertRow(row);
        cell(stays, row, 0, r.code);
        cell(stays, row, 1, QStringLiteral("%1 %2").arg(r.campsiteCode, r.campsiteName));
        cell(stays, row, 2,
             tr("%1 – %2").arg(locale.toString(r.checkIn, QLocale::ShortFormat),
                               locale.toString(r.checkOut, QLocale::ShortFormat)));
        cell(stays, row, 3, StatusText::name(QStringLiteral("reservation"), reservationStatusKey(r.status)));
        cell(stays, row, 4, formatWon(r.amount, locale), true);
    }
    auto* points = table(QStringLiteral("customerLedger"), { tr("When"), tr("Why"), tr("Points"), tr("Balance") });
    Result<QList<MileageEntry>> ledger = mileage.ledger(m_customer.id);
    for (const MileageEntry& e : ledger.ok() ? ledger.value() : QList<MileageEntry>()) {
        const int row = points->rowCount();
        points->insertRow(row);
        cell(points, row, 0,
             locale.toString(QDateTime::fromMSecsSinceEpoch(e.createdAt).toLocalTime(), QLocale::ShortFormat));
        cell(points, row, 1, StatusText::name(QStringLiteral("mileage"), e.reason));
        cell(points, row, 2, locale.toString(e.delta), true);
        cell(points, row, 3, locale.toString(e.balanceAfter), true);
    }
    stays->resizeColumnsToContents();
    points->resizeColumnsToContents();
    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("customerHistory"));
    tabs->addTab(stays, tr("Bookings (%1)").arg(stays->rowCount()));
    tabs->addTab(points, tr("Points (%1)").arg(points->rowCount()));
    // Under the details, above the message and the buttons.
    static_cast<QVBoxLayout*>(layout())->insertWidget(1, tabs, 1);
    setMinimumWidth(620);
}

void CustomerEditorDialog::reject()
{
    if (m_unsaved->confirmDiscard(this))
        QDialog::reject();
}

} // namespace campdesk
