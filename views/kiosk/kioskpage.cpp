#include "kioskpage.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace campdesk {

KioskPage::KioskPage(LanguageManager& language, QWidget* parent)
    : QWidget(parent)
    , m_language(language)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(32, 20, 32, 20);
    outer->setSpacing(24);
    m_title = makeLabel(QStringLiteral("kioskTitle"), QStringLiteral("title"));
    m_title->setWordWrap(true);
    outer->addWidget(m_title);
    m_content = new QVBoxLayout;
    m_content->setSpacing(20);
    outer->addLayout(m_content, 1);
    m_navigation = new QHBoxLayout;
    m_navigation->setSpacing(24);
    outer->addLayout(m_navigation);
}

void KioskPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QPushButton* KioskPage::makeButton(const QString& objectName, const QString& role)
{
    auto* button = new QPushButton(this);
    button->setObjectName(objectName);
    button->setProperty("role", role);
    button->setMinimumSize(160, 72);
    button->setFocusPolicy(Qt::StrongFocus);
    return button;
}

QLabel* KioskPage::makeLabel(const QString& objectName, const QString& role)
{
    auto* label = new QLabel(this);
    label->setObjectName(objectName);
    if (!role.isEmpty())
        label->setProperty("role", role);
    return label;
}

} // namespace campdesk
