#include "siteblockdialog.h"

#include "fieldmessage.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

SiteBlockDialog::SiteBlockDialog(SiteBlockService& blocks, qint64 campsiteId, const QString& campsiteName,
                                 const QDate& from, const QDate& to, const Actor& actor, QWidget* parent)
    : QDialog(parent)
    , m_blocks(blocks)
    , m_campsiteId(campsiteId)
    , m_actor(actor)
    , m_from(new QDateEdit(from, this))
    , m_to(new QDateEdit(to, this))
    , m_kind(new QComboBox(this))
    , m_reason(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("siteBlockDialog"));
    setWindowTitle(tr("Block %1").arg(campsiteName));
    m_from->setObjectName(QStringLiteral("from"));
    m_to->setObjectName(QStringLiteral("to"));
    m_kind->setObjectName(QStringLiteral("kind"));
    m_reason->setObjectName(QStringLiteral("reason"));
    for (QDateEdit* edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    for (const QString& kind : SiteBlockService::kinds())
        m_kind->addItem(SiteBlockService::kindName(kind), kind);
    m_reason->setPlaceholderText(tr("e.g. new deck being built"));
    m_reason->setMaxLength(200);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Block"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("confirmBlock"));

    m_fromRow = new FieldMessage(m_from, this);
    m_toRow = new FieldMessage(m_to, this);
    m_kindRow = new FieldMessage(m_kind, this);
    m_reasonRow = new FieldMessage(m_reason, this);
    auto* form = new QFormLayout;
    form->addRow(tr("&First night"), m_fromRow);
    form->addRow(tr("&Open again on"), m_toRow);
    form->addRow(tr("&What for"), m_kindRow);
    form->addRow(tr("&Reason"), m_reasonRow);
    // The kiosk names the reason to a customer who picks a closed night, so it must not name anyone.
    auto* reasonIsPublic = new QLabel(
        tr("Customers see this reason at the kiosk when they pick these nights. Do not write a guest's name or "
           "anything private."),
        this);
    reasonIsPublic->setObjectName(QStringLiteral("reasonIsPublic"));
    reasonIsPublic->setWordWrap(true);
    form->addRow(QString(), reasonIsPublic);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("No booking can be made for %1 on these nights.").arg(campsiteName), this));
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_from, &QDateEdit::dateChanged, this, &SiteBlockDialog::revalidate);
    connect(m_to, &QDateEdit::dateChanged, this, &SiteBlockDialog::revalidate);
    connect(m_reason, &QLineEdit::textChanged, this, &SiteBlockDialog::revalidate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SiteBlockDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SiteBlockDialog::reject);
    revalidate();
    m_reasonRow->setMessage(QString()); // an empty reason is not an error until something else is typed
}

SiteBlockRequest SiteBlockDialog::request() const
{
    SiteBlockRequest r;
    r.campsiteId = m_campsiteId;
    r.from = m_from->date();
    r.to = m_to->date();
    r.kind = m_kind->currentData().toString();
    r.reason = m_reason->text();
    return r;
}

void SiteBlockDialog::revalidate()
{
    for (FieldMessage* row : { m_fromRow, m_toRow, m_kindRow, m_reasonRow })
        row->setMessage(QString());
    m_message->clear();
    const Status valid = m_blocks.validate(request());
    if (!valid.ok())
        showError(valid.error());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid.ok());
}

void SiteBlockDialog::showError(const Error& error)
{
    if (error.field == QLatin1String("from"))
        m_fromRow->setMessage(error.message);
    else if (error.field == QLatin1String("to"))
        m_toRow->setMessage(error.message);
    else if (error.field == QLatin1String("kind"))
        m_kindRow->setMessage(error.message);
    else if (error.field == QLatin1String("reason"))
        m_reasonRow->setMessage(error.message);
    else
        m_message->setText(error.message);
}

void SiteBlockDialog::accept()
{
    Result<SiteBlock> added = m_blocks.add(m_actor, request());
    if (!added.ok()) {
        showError(added.error());
        return;
    }
    m_block = added.value();
    QDialog::accept();
}

} // namespace campdesk
