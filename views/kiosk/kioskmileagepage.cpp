#include "kioskmileagepage.h"

#include "core/languagemanager.h"
#include "kioskstepper.h"

#include <QBoxLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStackedWidget>
#include <algorithm>

namespace campdesk {

namespace {
// Points are used in steps of 100, so the +/- buttons move in sensible amounts.
constexpr int pointStep = 100;
} // namespace

KioskMileagePage::KioskMileagePage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_pointsViews(new QStackedWidget(this))
    , m_points(new KioskStepper(this))
{
    setObjectName(QStringLiteral("kioskMileagePage"));
    auto* summary = new QGridLayout;
    summary->setHorizontalSpacing(24);
    summary->setVerticalSpacing(2);
    summary->setColumnStretch(1, 1);
    m_siteCaption = addSummaryRow(summary, QStringLiteral("kioskSummarySite"));
    m_siteValue = qobject_cast<QLabel*>(summary->itemAtPosition(summary->rowCount() - 1, 1)->widget());
    m_datesCaption = addSummaryRow(summary, QStringLiteral("kioskSummaryDates"));
    m_datesValue = qobject_cast<QLabel*>(summary->itemAtPosition(summary->rowCount() - 1, 1)->widget());
    m_guestsCaption = addSummaryRow(summary, QStringLiteral("kioskSummaryGuests"));
    m_guestsValue = qobject_cast<QLabel*>(summary->itemAtPosition(summary->rowCount() - 1, 1)->widget());
    m_priceCaption = addSummaryRow(summary, QStringLiteral("kioskMileagePrice"));
    m_priceValue = qobject_cast<QLabel*>(summary->itemAtPosition(summary->rowCount() - 1, 1)->widget());
    m_pointsCaption = addSummaryRow(summary, QStringLiteral("kioskSummaryPoints"));
    m_pointsValue = qobject_cast<QLabel*>(summary->itemAtPosition(summary->rowCount() - 1, 1)->widget());
    m_toPayCaption = makeLabel(QStringLiteral("kioskMileageToPayCaption"), QStringLiteral("total"));
    m_toPay = makeLabel(QStringLiteral("kioskMileageToPay"), QStringLiteral("total"));
    summary->addWidget(m_toPayCaption, summary->rowCount(), 0);
    summary->addWidget(m_toPay, summary->rowCount() - 1, 1);

    // Points: one view per state, all the same height, so that nothing below moves.
    m_deskOnly = makeLabel(QStringLiteral("kioskPointsDeskOnly"), QStringLiteral("hint"));
    m_deskOnly->setWordWrap(true);
    auto* deskView = new QWidget(m_pointsViews);
    auto* deskLayout = new QVBoxLayout(deskView);
    deskLayout->setContentsMargins(0, 0, 0, 0);
    deskLayout->addWidget(m_deskOnly);
    deskLayout->addStretch();

    m_lockedText = makeLabel(QStringLiteral("kioskPointsLocked"), QStringLiteral("hint"));
    m_lockedText->setWordWrap(true);
    m_sendCode = makeButton(QStringLiteral("kioskSendCode"));
    auto* lockedView = new QWidget(m_pointsViews);
    auto* lockedLayout = new QHBoxLayout(lockedView);
    lockedLayout->setContentsMargins(0, 0, 0, 0);
    lockedLayout->setSpacing(24);
    lockedLayout->addWidget(m_lockedText, 1);
    lockedLayout->addWidget(m_sendCode, 0, Qt::AlignTop);

    m_codeText = makeLabel(QStringLiteral("kioskCodeText"), QStringLiteral("hint"));
    m_codeText->setWordWrap(true);
    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("kioskCodeField"));
    m_code->setMaxLength(6);
    m_code->setInputMethodHints(Qt::ImhDigitsOnly);
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,6}")), m_code));
    m_code->setFixedWidth(200);
    m_checkCode = makeButton(QStringLiteral("kioskCheckCode"), QStringLiteral("primary"));
    m_codeMessage = makeLabel(QStringLiteral("kioskCodeMessage"), QStringLiteral("error"));
    m_codeMessage->setWordWrap(true);
    auto* codeView = new QWidget(m_pointsViews);
    auto* codeLayout = new QGridLayout(codeView);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->setHorizontalSpacing(24);
    m_resend = makeButton(QStringLiteral("kioskResendCode"));
    codeLayout->addWidget(m_codeText, 0, 0, 1, 4);
    codeLayout->addWidget(m_code, 1, 0);
    codeLayout->addWidget(m_checkCode, 1, 1);
    codeLayout->setColumnStretch(2, 1);
    codeLayout->addWidget(m_resend, 1, 3);

    m_balanceLabel = makeLabel(QStringLiteral("kioskMileageBalance"), QStringLiteral("hint"));
    m_balanceLabel->setWordWrap(true);
    m_points->setObjectName(QStringLiteral("kioskMileagePoints"));
    m_points->setStep(pointStep);
    m_points->setRange(0, 0);
    m_points->setValue(0);
    m_useAll = makeButton(QStringLiteral("kioskMileageUseAll"));
    auto* unlockedView = new QWidget(m_pointsViews);
    auto* unlockedLayout = new QVBoxLayout(unlockedView);
    unlockedLayout->setContentsMargins(0, 0, 0, 0);
    auto* pointsRow = new QHBoxLayout;
    pointsRow->addWidget(m_points, 2);
    pointsRow->addSpacing(24);
    pointsRow->addWidget(m_useAll);
    pointsRow->addStretch(1);
    unlockedLayout->addWidget(m_balanceLabel);
    unlockedLayout->addLayout(pointsRow);

    for (QWidget* view : { deskView, lockedView, codeView, unlockedView })
        m_pointsViews->addWidget(view);
    m_pointsViews->setObjectName(QStringLiteral("kioskPointsViews"));

    content()->setSpacing(12); // the fullest page: it must fit a 768-pixel-high screen in Korean too
    content()->addLayout(summary);
    content()->addWidget(m_pointsViews);
    content()->addWidget(m_codeMessage);
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
    connect(m_sendCode, &QPushButton::clicked, this, &KioskMileagePage::codeRequested);
    connect(m_resend, &QPushButton::clicked, this, &KioskMileagePage::codeRequested);
    connect(m_checkCode, &QPushButton::clicked, this, [this] { emit codeEntered(m_code->text()); });
    connect(m_code, &QLineEdit::returnPressed, m_checkCode, &QPushButton::click);
    connect(m_code, &QLineEdit::textChanged, this,
            [this] { m_checkCode->setEnabled(!m_busy && m_code->text().size() == 6); });
    setPointsState(PointsState::DeskOnly);
    retranslate();
}

QLabel* KioskMileagePage::addSummaryRow(QGridLayout* grid, const QString& name)
{
    auto* caption = makeLabel(name + QStringLiteral("Caption"), QStringLiteral("summary"));
    auto* value = makeLabel(name, QStringLiteral("summary"));
    value->setWordWrap(true);
    value->setTextFormat(Qt::PlainText); // the site's name is typed by staff
    const int row = grid->rowCount();
    grid->addWidget(caption, row, 0, Qt::AlignTop);
    grid->addWidget(value, row, 1);
    return caption;
}

void KioskMileagePage::setStay(const QString& site, const QDate& checkIn, const QDate& checkOut, int guests)
{
    m_site = site;
    m_checkIn = checkIn;
    m_checkOut = checkOut;
    m_guests = guests;
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

void KioskMileagePage::setPointsState(PointsState state)
{
    m_state = state;
    m_code->setText(QString());
    m_codeMessage->clear();
    if (state != PointsState::Unlocked) {
        // Not proven: no balance is shown or used.
        m_balance = 0;
        m_points->setRange(0, 0);
        m_points->setValue(0);
    }
    m_pointsViews->setCurrentIndex(int(state));
    if (state == PointsState::CodeSent)
        m_code->setFocus();
    retranslate();
}

void KioskMileagePage::setCodeMessage(const QString& message)
{
    m_code->setText(QString());
    m_codeMessage->setText(message);
}

void KioskMileagePage::setBusy(bool busy)
{
    m_busy = busy;
    m_sendCode->setDisabled(busy);
    m_resend->setDisabled(busy);
    m_checkCode->setEnabled(!busy && m_code->text().size() == 6);
    m_pay->setDisabled(busy);
    m_back->setDisabled(busy);
}

qint64 KioskMileagePage::pointsToUse() const
{
    return m_state == PointsState::Unlocked ? m_points->value() : 0;
}

void KioskMileagePage::clear()
{
    m_site.clear();
    m_checkIn = QDate();
    m_checkOut = QDate();
    m_guests = 0;
    setBusy(false);
    setAmounts(0, 0);
    setPointsState(PointsState::DeskOnly);
}

void KioskMileagePage::updateTotal()
{
    const qint64 points = pointsToUse();
    m_priceValue->setText(m_language.formatMoney(m_total));
    m_pointsValue->setText(points > 0 ? tr("%1 P").arg(m_language.formatNumber(-points)) : tr("none"));
    m_toPay->setText(m_language.formatMoney(m_total - points));
    m_pay->setText(m_total - points > 0 ? tr("Pay %1").arg(m_language.formatMoney(m_total - points))
                                        : tr("Book with points"));
}

void KioskMileagePage::retranslate()
{
    title()->setText(tr("Check your booking"));
    m_siteCaption->setText(tr("Site"));
    m_siteValue->setText(m_site);
    m_datesCaption->setText(tr("Dates"));
    if (m_checkIn.isValid())
        m_datesValue->setText(tr("%1 – %2 · %3")
                                  .arg(m_language.formatShortDate(m_checkIn), m_language.formatShortDate(m_checkOut),
                                       tr("%n night(s)", nullptr, int(m_checkIn.daysTo(m_checkOut)))));
    else
        m_datesValue->clear();
    m_guestsCaption->setText(tr("Guests"));
    m_guestsValue->setText(m_guests > 0 ? tr("%n guest(s)", nullptr, m_guests) : QString());
    m_priceCaption->setText(tr("Price"));
    m_pointsCaption->setText(tr("Points"));
    m_toPayCaption->setText(tr("To pay"));

    m_deskOnly->setText(tr("Points can be used at the front desk only."));
    m_lockedText->setText(tr("Have points? We text a code to your phone so that only you can use them."));
    m_sendCode->setText(tr("Use my points"));
    m_codeText->setText(tr("Enter the 6-digit code we sent to your phone."));
    m_code->setPlaceholderText(tr("Code"));
    m_checkCode->setText(tr("Confirm"));
    m_resend->setText(tr("Send a new code"));
    if (m_balance > 0)
        m_balanceLabel->setText(tr("You have %1 points. Use some of them for this stay? (1 point = 1 won)")
                                    .arg(m_language.formatNumber(m_balance)));
    else
        m_balanceLabel->setText(tr("You have no points yet. This stay earns you points for your next visit."));
    m_points->setVisible(m_balance > 0);
    m_useAll->setVisible(m_balance > 0);
    m_useAll->setText(tr("Use as many as possible"));
    m_points->setFormatter([this](int points) { return tr("%1 P").arg(m_language.formatNumber(points)); });
    m_back->setText(tr("Back"));
    updateTotal();
}

} // namespace campdesk
