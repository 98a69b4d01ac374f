#include "kioskmileagepage.h"

#include "core/languagemanager.h"
#include "kioskstepper.h"

#include <QBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <algorithm>

namespace campdesk {

namespace {
// Points are used in steps of 100, so the +/- buttons move in sensible amounts.
constexpr int pointStep = 100;
} // namespace

KioskMileagePage::KioskMileagePage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_points(new KioskStepper(this))
{
    setObjectName(QStringLiteral("kioskMileagePage"));
    m_balanceLabel = makeLabel(QStringLiteral("kioskMileageBalance"), QStringLiteral("subtitle"));
    m_balanceLabel->setWordWrap(true);
    m_useLabel = makeLabel(QStringLiteral("kioskMileageUseLabel"), QStringLiteral("fieldLabel"));
    m_points->setObjectName(QStringLiteral("kioskMileagePoints"));
    m_points->setStep(pointStep);
    m_points->setRange(0, 0);
    m_points->setValue(0);
    m_useAll = makeButton(QStringLiteral("kioskMileageUseAll"));
    m_priceLabel = makeLabel(QStringLiteral("kioskMileagePrice"), QStringLiteral("subtitle"));
    m_toPay = makeLabel(QStringLiteral("kioskMileageToPay"), QStringLiteral("total"));

    auto* pointsRow = new QHBoxLayout;
    pointsRow->addWidget(m_points, 2);
    pointsRow->addSpacing(24);
    pointsRow->addWidget(m_useAll);
    pointsRow->addStretch(1);
    content()->addWidget(m_balanceLabel);
    content()->addWidget(m_useLabel);
    content()->addLayout(pointsRow);
    content()->addSpacing(24);
    content()->addWidget(m_priceLabel);
    content()->addWidget(m_toPay);
    content()->addStretch();

    m_back = makeButton(QStringLiteral("kioskMileageBack"));
    m_pay = makeButton(QStringLiteral("kioskPayButton"), QStringLiteral("primary"));
    navigation()->addWidget(m_back);
    navigation()->addStretch();
    navigation()->addWidget(m_pay);
    connect(m_back, &QPushButton::clicked, this, &KioskMileagePage::back);
    connect(m_pay, &QPushButton::clicked, this, [this] { emit payRequested(pointsToUse()); });
    connect(m_useAll, &QPushButton::clicked, this, [this] { m_points->setValue(int(std::min(m_balance, m_total))); });
    connect(m_points, &KioskStepper::valueChanged, this, &KioskMileagePage::updateTotal);
    retranslate();
}

void KioskMileagePage::setAmounts(qint64 total, qint64 balance)
{
    m_total = total;
    m_balance = balance;
    m_points->setRange(0, int(std::min(balance, total)));
    m_points->setValue(0);
    retranslate();
}

qint64 KioskMileagePage::pointsToUse() const
{
    return m_points->value();
}

void KioskMileagePage::clear()
{
    setAmounts(0, 0);
}

void KioskMileagePage::updateTotal()
{
    m_priceLabel->setText(tr("Price of your stay: %1").arg(m_language.formatMoney(m_total)));
    m_toPay->setText(tr("To pay: %1").arg(m_language.formatMoney(m_total - pointsToUse())));
    m_pay->setText(m_total - pointsToUse() > 0 ? tr("Pay %1").arg(m_language.formatMoney(m_total - pointsToUse()))
                                               : tr("Book with points"));
}

void KioskMileagePage::retranslate()
{
    title()->setText(tr("Your points"));
    if (m_balance > 0)
        m_balanceLabel->setText(tr("You have %1 points. Use some of them for this stay? (1 point = 1 won)")
                                    .arg(m_language.formatNumber(m_balance)));
    else
        m_balanceLabel->setText(tr("You have no points yet. This stay earns you points for your next visit."));
    m_useLabel->setText(tr("Points to use"));
    m_useLabel->setVisible(m_balance > 0);
    m_points->setVisible(m_balance > 0);
    m_useAll->setVisible(m_balance > 0);
    m_useAll->setText(tr("Use as many as possible"));
    m_points->setFormatter([this](int points) { return tr("%1 P").arg(m_language.formatNumber(points)); });
    m_back->setText(tr("Back"));
    updateTotal();
}

} // namespace campdesk
