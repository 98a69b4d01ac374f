#include "firstmanagerdialog.h"

#include "domain/userservice.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

namespace {
const QString usernameField = QStringLiteral("username");
const QString displayNameField = QStringLiteral("displayName");
const QString passwordField = QStringLiteral("password");
const QString repeatField = QStringLiteral("repeat");
} // namespace

FirstManagerDialog::FirstManagerDialog(UserService& users, const QString& databaseDescription, QWidget* parent)
    : QDialog(parent)
    , m_users(users)
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("firstManagerDialog"));
    setWindowTitle(tr("Create the first manager account"));
    setMinimumWidth(440);

    auto* intro = new QLabel(tr("This database has no staff account yet. Create the manager's account: it can "
                                "then add the other staff under Users.\n\nDatabase: %1")
                                 .arg(databaseDescription),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    m_username = addField(form, tr("&Username"), usernameField, false);
    m_displayName = addField(form, tr("&Name"), displayNameField, false);
    m_password = addField(form, tr("&Password"), passwordField, true);
    m_repeat = addField(form, tr("Re&peat password"), repeatField, true);
    m_displayName->setPlaceholderText(tr("optional"));
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create account"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Quit"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    for (QLineEdit* edit : { m_username, m_displayName, m_password, m_repeat }) {
        connect(edit, &QLineEdit::textEdited, this, [edit] { edit->setProperty("touched", true); });
        connect(edit, &QLineEdit::textChanged, this, &FirstManagerDialog::revalidate);
    }
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FirstManagerDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    revalidate();
}

QString FirstManagerDialog::username() const
{
    return m_created;
}

QLineEdit* FirstManagerDialog::addField(QFormLayout* form, const QString& label, const QString& name, bool secret)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(name);
    if (secret)
        edit->setEchoMode(QLineEdit::Password);
    auto* error = new QLabel(this);
    error->setObjectName(name + QStringLiteral("Error"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #c62828;"));
    error->hide();
    m_errors.insert(name, error);
    auto* column = new QVBoxLayout;
    column->setSpacing(2);
    column->addWidget(edit);
    column->addWidget(error);
    form->addRow(label, column);
    return edit;
}

void FirstManagerDialog::revalidate()
{
    QHash<QString, QString> problems;
    if (Status s = UserService::validateUsername(m_username->text()); !s.ok())
        problems.insert(usernameField, s.error().message);
    if (Status s = UserService::validateDisplayName(m_displayName->text()); !s.ok())
        problems.insert(displayNameField, s.error().message);
    if (Status s = UserService::validatePassword(m_password->text(), m_username->text()); !s.ok())
        problems.insert(passwordField, s.error().message);
    if (m_repeat->text() != m_password->text())
        problems.insert(repeatField, tr("The two passwords differ."));
    showProblems(problems);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty());
}

void FirstManagerDialog::showProblems(const QHash<QString, QString>& problems)
{
    // A field nobody has reached yet is not shouted at; one typed into, or passed on the way to a later one, is.
    const QList<QLineEdit*> order = { m_username, m_displayName, m_password, m_repeat };
    int reached = -1;
    for (int i = 0; i < order.size(); ++i) {
        if (order.at(i)->property("touched").toBool())
            reached = i;
    }
    for (int i = 0; i < order.size(); ++i) {
        const QString name = order.at(i)->objectName();
        QLabel* error = m_errors.value(name);
        const bool shown = i <= reached && problems.contains(name);
        error->setText(shown ? problems.value(name) : QString());
        error->setVisible(shown);
    }
}

void FirstManagerDialog::accept()
{
    Result<User> created = m_users.createUser(Actor::system(QStringLiteral("first start")), m_username->text(),
                                              m_displayName->text(), Role::Manager, m_password->text());
    if (!created.ok()) {
        // A problem only the database knows (a name taken meanwhile) goes next to its field, else under the form.
        if (QLabel* error = m_errors.value(created.error().field)) {
            error->setText(created.error().message);
            error->show();
        } else {
            m_message->setText(created.error().message);
        }
        return;
    }
    m_created = created->username;
    QDialog::accept();
}

} // namespace campdesk
