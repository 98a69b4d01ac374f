#include "payerform.h"

#include "fieldmessage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace campdesk {

PayerForm::PayerForm(CustomerService& customers, const QString& title, QWidget* parent)
    : QGroupBox(title, parent)
    , m_customers(customers)
    , m_phone(new QLineEdit(this))
    , m_state(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_language(new QComboBox(this))
{
    setObjectName(QStringLiteral("payer"));
    m_phone->setObjectName(QStringLiteral("phone"));
    m_phone->setPlaceholderText(tr("010-1234-5678"));
    m_state->setObjectName(QStringLiteral("customerState"));
    m_state->setWordWrap(true);
    m_name->setObjectName(QStringLiteral("name"));
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setPlaceholderText(tr("optional"));
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("Korean"), QStringLiteral("ko"));
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_phoneRow = new FieldMessage(m_phone, this);
    m_nameRow = new FieldMessage(m_name, this);
    m_emailRow = new FieldMessage(m_email, this);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Phone"), m_phoneRow);
    form->addRow(QString(), m_state);
    form->addRow(tr("&Name"), m_nameRow);
    form->addRow(tr("&E-mail"), m_emailRow);
    form->addRow(tr("&Language"), m_language);

    connect(m_phone, &QLineEdit::textChanged, this, [this] {
        lookUpPhone();
        emit changed();
    });
    for (QLineEdit* edit : { m_name, m_email })
        connect(edit, &QLineEdit::textChanged, this, &PayerForm::changed);
    connect(m_language, &QComboBox::currentIndexChanged, this, &PayerForm::changed);
    lookUpPhone();
}

Customer PayerForm::customer() const
{
    Customer c;
    c.name = m_name->text().trimmed();
    c.phone = m_phone->text();
    c.email = m_email->text().trimmed();
    c.language = m_language->currentData().toString();
    return c;
}

void PayerForm::setLanguage(const QString& language)
{
    m_language->setCurrentIndex(std::max(0, m_language->findData(language)));
}

void PayerForm::lookUpPhone()
{
    const std::optional<QString> phone = CustomerService::normalizePhone(m_phone->text());
    if (!phone) {
        m_state->setText(m_phone->text().trimmed().isEmpty() ? tr("Type the phone number to find the customer.")
                                                             : tr("Not a phone number yet."));
    } else if (Result<std::optional<Customer>> found = m_customers.findByPhone(*phone); found.ok() && found.value()) {
        const Customer& c = *found.value();
        m_name->setText(c.name);
        m_email->setText(c.email);
        setLanguage(c.language);
        m_state->setText(tr("Returning customer: %1").arg(c.name.toHtmlEscaped()));
    } else {
        m_state->setText(tr("New customer: fill in the name."));
    }
}

bool PayerForm::showError(const Error& error)
{
    FieldMessage* row = error.field == QLatin1String("phone") ? m_phoneRow
        : error.field == QLatin1String("name")                ? m_nameRow
        : error.field == QLatin1String("email")               ? m_emailRow
                                                              : nullptr;
    if (!row)
        return false;
    row->setMessage(error.message);
    return true;
}

void PayerForm::clearMessages()
{
    for (FieldMessage* row : { m_phoneRow, m_nameRow, m_emailRow })
        row->setMessage(QString());
}

} // namespace campdesk
