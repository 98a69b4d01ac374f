#include "kioskmybookingpage.h"

#include "core/languagemanager.h"
#include "kioskspinner.h"

#include <QBoxLayout>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScroller>
#include <QStackedWidget>
#include <QTextEdit>

namespace campdesk {

KioskMyBookingPage::KioskMyBookingPage(LanguageManager& language, QWidget* parent)
    : KioskPage(language, parent)
    , m_stack(new QStackedWidget(this))
    , m_findView(new QWidget(m_stack))
    , m_detailsView(new QWidget(m_stack))
{
    setObjectName(QStringLiteral("kioskMyBookingPage"));

    // Find
    m_codeLabel = makeLabel(QStringLiteral("kioskFindCodeLabel"), QStringLiteral("fieldLabel"));
    m_code = new QLineEdit(m_findView);
    m_code->setObjectName(QStringLiteral("kioskFindCode"));
    m_code->setMaxLength(12);
    m_phoneLabel = makeLabel(QStringLiteral("kioskFindPhoneLabel"), QStringLiteral("fieldLabel"));
    m_phoneField = new QLineEdit(m_findView);
    m_phoneField->setObjectName(QStringLiteral("kioskFindPhone"));
    m_phoneField->setMaxLength(20);
    m_phoneField->setInputMethodHints(Qt::ImhDialableCharactersOnly);
    m_findError = makeLabel(QStringLiteral("kioskFindError"), QStringLiteral("error"));
    m_findError->setWordWrap(true);
    m_find = makeButton(QStringLiteral("kioskFindSubmit"), QStringLiteral("primary"));
    auto* form = new QFormLayout;
    form->setVerticalSpacing(20);
    form->setHorizontalSpacing(32);
    form->addRow(m_codeLabel, m_code);
    form->addRow(m_phoneLabel, m_phoneField);
    auto* findLayout = new QVBoxLayout(m_findView);
    findLayout->setContentsMargins(0, 0, 0, 0);
    findLayout->addLayout(form);
    findLayout->addWidget(m_findError);
    findLayout->addWidget(m_find, 0, Qt::AlignRight);
    findLayout->addStretch();
    connect(m_find, &QPushButton::clicked, this, [this] {
        m_findError->clear();
        emit findRequested(m_code->text().trimmed().toUpper(), m_phoneField->text().trimmed());
    });
    connect(m_phoneField, &QLineEdit::returnPressed, m_find, &QPushButton::click);

    // Details
    m_summary = makeLabel(QStringLiteral("kioskBookingSummary"), QStringLiteral("detail"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_mileage = makeLabel(QStringLiteral("kioskBookingMileage"), QStringLiteral("subtitle"));
    m_message = makeLabel(QStringLiteral("kioskBookingMessage"), QStringLiteral("notice"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_cancelQuestion = makeLabel(QStringLiteral("kioskCancelQuestion"), QStringLiteral("notice"));
    m_cancelQuestion->setWordWrap(true);
    m_cancel = makeButton(QStringLiteral("kioskCancelBooking"), QStringLiteral("danger"));
    m_cancelYes = makeButton(QStringLiteral("kioskCancelYes"), QStringLiteral("danger"));
    m_cancelNo = makeButton(QStringLiteral("kioskCancelNo"));
    m_payOffer = makeButton(QStringLiteral("kioskPayOffer"), QStringLiteral("primary"));
    connect(m_payOffer, &QPushButton::clicked, this, &KioskMyBookingPage::payOfferRequested);
    auto* cancelRow = new QHBoxLayout;
    cancelRow->addWidget(m_payOffer);
    cancelRow->addWidget(m_cancel);
    cancelRow->addWidget(m_cancelYes);
    cancelRow->addWidget(m_cancelNo);
    cancelRow->addStretch();

    m_reviewBox = new QWidget(m_detailsView);
    m_reviewLabel = makeLabel(QStringLiteral("kioskReviewLabel"), QStringLiteral("fieldLabel"));
    auto* stars = new QHBoxLayout;
    for (int i = 1; i <= 5; ++i) {
        QPushButton* star = makeButton(QStringLiteral("kioskStar%1").arg(i), QStringLiteral("star"));
        star->setMinimumSize(72, 72);
        connect(star, &QPushButton::clicked, this, [this, i] { setRating(i); });
        m_stars.append(star);
        stars->addWidget(star);
    }
    stars->addStretch();
    m_reviewText = new QTextEdit(m_reviewBox);
    m_reviewText->setObjectName(QStringLiteral("kioskReviewText"));
    m_reviewText->setAcceptRichText(false);
    m_reviewText->setFixedHeight(96);
    m_submitReview = makeButton(QStringLiteral("kioskReviewSubmit"), QStringLiteral("primary"));
    auto* reviewLayout = new QVBoxLayout(m_reviewBox);
    reviewLayout->setContentsMargins(0, 0, 0, 0);
    reviewLayout->addWidget(m_reviewLabel);
    reviewLayout->addLayout(stars);
    auto* reviewRow = new QHBoxLayout;
    reviewRow->addWidget(m_reviewText, 1);
    reviewRow->addWidget(m_submitReview, 0, Qt::AlignBottom);
    reviewLayout->addLayout(reviewRow);

    auto* detailsLayout = new QVBoxLayout(m_detailsView);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->setSpacing(16);
    detailsLayout->addWidget(m_summary);
    detailsLayout->addWidget(m_mileage);
    detailsLayout->addWidget(m_message);
    detailsLayout->addWidget(m_cancelQuestion);
    detailsLayout->addLayout(cancelRow);
    detailsLayout->addWidget(m_reviewBox);
    detailsLayout->addStretch();
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_confirmingCancel = true;
        updateDetails();
    });
    connect(m_cancelNo, &QPushButton::clicked, this, [this] {
        m_confirmingCancel = false;
        updateDetails();
    });
    connect(m_cancelYes, &QPushButton::clicked, this, [this] {
        m_confirmingCancel = false;
        emit cancelConfirmed(m_details.reservation.code, m_phone);
    });
    connect(m_submitReview, &QPushButton::clicked, this, [this] {
        emit reviewSubmitted(m_details.reservation.code, m_phone, m_rating, m_reviewText->toPlainText().trimmed());
    });

    m_stack->addWidget(m_findView);
    // A long booking with the review form must never push the page past a small screen: it scrolls instead.
    auto* detailsScroll = new QScrollArea(m_stack);
    detailsScroll->setWidget(m_detailsView);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    detailsScroll->viewport()->setAutoFillBackground(false);
    m_detailsView->setObjectName(QStringLiteral("kioskBookingDetails"));
    m_stack->addWidget(detailsScroll);
    content()->addWidget(m_stack, 1);
    m_back = makeButton(QStringLiteral("kioskMyBookingBack"));
    navigation()->addWidget(m_back);
    navigation()->addStretch();
    // What the customer sees while a look-up, a review or a refund waits (for a locked database, a slow card
    // company): the screen keeps moving and says so.
    m_busySpinner = new KioskSpinner(this);
    m_busySpinner->setObjectName(QStringLiteral("kioskMyBookingSpinner"));
    m_busySpinner->setFixedSize(56, 56);
    m_busyLabel = makeLabel(QStringLiteral("kioskMyBookingBusy"), QStringLiteral("subtitle"));
    navigation()->addWidget(m_busySpinner);
    navigation()->addWidget(m_busyLabel);
    m_busySpinner->hide();
    m_busyLabel->hide();
    connect(m_back, &QPushButton::clicked, this, &KioskMyBookingPage::back);
    clear();
}

void KioskMyBookingPage::showDetails(const KioskBookingDetails& details)
{
    m_details = details;
    m_phone = m_phoneField->text().trimmed();
    m_confirmingCancel = false;
    m_message->hide();
    m_reviewText->clear();
    setRating(0);
    m_stack->setCurrentIndex(1);
    updateDetails();
}

void KioskMyBookingPage::setFindError(const QString& message)
{
    m_findError->setText(message);
}

void KioskMyBookingPage::setDetailsMessage(const QString& message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void KioskMyBookingPage::setBusy(bool busy)
{
    m_busy = busy;
    for (QPushButton* button : { m_find, m_cancelYes, m_cancelNo, m_submitReview, m_payOffer, m_back })
        button->setDisabled(busy);
    m_busySpinner->setVisible(busy);
    m_busyLabel->setVisible(busy);
    if (busy)
        m_busySpinner->start();
    else
        m_busySpinner->stop();
}

void KioskMyBookingPage::clear()
{
    m_details = KioskBookingDetails();
    m_phone.clear();
    m_code->clear();
    m_phoneField->clear();
    m_findError->clear();
    m_reviewText->clear();
    m_message->clear();
    m_message->hide();
    m_confirmingCancel = false;
    setRating(0);
    setBusy(false);
    m_stack->setCurrentWidget(m_findView);
    retranslate();
}

void KioskMyBookingPage::setRating(int rating)
{
    m_rating = rating;
    for (int i = 0; i < m_stars.size(); ++i)
        m_stars.at(i)->setText(QString(QChar(i < rating ? 0x2605 : 0x2606)));
    m_submitReview->setEnabled(!m_busy && rating > 0);
}

void KioskMyBookingPage::updateDetails()
{
    const KioskBookingDetails& d = m_details;
    const Reservation& r = d.reservation;
    if (r.code.isEmpty())
        return;
    m_payOffer->setVisible(d.offer);
    if (d.offer) {
        // What the offer's message said, nothing more: no name, phone or e-mail of the customer.
        const QDateTime until = QDateTime::fromMSecsSinceEpoch(r.holdExpiresAt).toLocalTime();
        m_summary->setText(tr("A site came free for you from the waitlist.\nSite %1 · %2\n%3 – %4 · %5\nTo pay: %6\n"
                              "Pay by %7 %8, or the site goes to the next person waiting.")
                               .arg(r.campsiteCode, r.campsiteName, m_language.formatDate(r.checkIn),
                                    m_language.formatDate(r.checkOut), tr("%n guest(s)", nullptr, r.guests),
                                    m_language.formatMoney(r.amount), m_language.formatShortDate(until.date()),
                                    until.time().toString(QStringLiteral("HH:mm"))));
        for (QWidget* w : std::initializer_list<QWidget*> { m_mileage, m_cancel, m_cancelQuestion, m_cancelYes,
                                                            m_cancelNo, m_reviewBox })
            w->hide();
        return;
    }
    QString summary = tr("Booking %1 · %2\nSite %3 · %4\n%5 – %6 · %7\nPaid: %8")
                          .arg(r.code, reservationStatusName(r.status), r.campsiteCode, r.campsiteName,
                               m_language.formatDate(r.checkIn), m_language.formatDate(r.checkOut),
                               tr("%n guest(s)", nullptr, r.guests), m_language.formatMoney(r.amount));
    // A desk or phone booking made with a deposit: what is still owed, paid at the front desk (the kiosk takes none).
    if (r.balanceDue > 0 && (r.status == ReservationStatus::Confirmed || r.status == ReservationStatus::CheckedIn))
        summary += QLatin1Char('\n')
            + tr("Balance due at check-in: %1 (paid at the front desk)").arg(m_language.formatMoney(r.balanceDue));
    m_summary->setText(summary);
    m_mileage->setText(tr("Your points: %1").arg(m_language.formatNumber(d.mileageBalance)));
    m_mileage->setVisible(d.mileageBalance >= 0);
    m_cancel->setVisible(d.cancellable && !m_confirmingCancel);
    m_cancelQuestion->setVisible(d.cancellable && m_confirmingCancel);
    m_cancelYes->setVisible(d.cancellable && m_confirmingCancel);
    m_cancelNo->setVisible(d.cancellable && m_confirmingCancel);
    m_cancelQuestion->setText(d.refund > 0
                                  ? tr("If you cancel now you get back %1 (%2% of what you paid). Cancel this booking?")
                                        .arg(m_language.formatMoney(d.refund))
                                        .arg(d.refundPercent)
                                  : tr("If you cancel now there is no refund (it is too close to your check-in day). "
                                       "Cancel this booking anyway?"));
    if (d.pointsShortfall > 0)
        m_cancelQuestion->setText(
            tr("You have already used %1 points this booking earned, so %2 less is refunded.")
                .arg(m_language.formatNumber(d.pointsShortfall), m_language.formatMoney(d.pointsShortfall))
            + QLatin1Char('\n') + m_cancelQuestion->text());
    m_reviewBox->setVisible(d.canReview && !d.reviewed);
}

void KioskMyBookingPage::retranslate()
{
    title()->setText(tr("My booking"));
    m_codeLabel->setText(tr("Booking code"));
    m_code->setPlaceholderText(tr("e.g. CD-7K3P9Q"));
    m_phoneLabel->setText(tr("Mobile phone"));
    m_phoneField->setPlaceholderText(tr("the number you booked with"));
    m_find->setText(tr("Find my booking"));
    m_cancel->setText(tr("Cancel booking…"));
    m_cancelYes->setText(tr("Yes, cancel it"));
    m_cancelNo->setText(tr("No, keep it"));
    m_reviewLabel->setText(tr("How was your stay? Tap the stars and write a few words:"));
    m_submitReview->setText(tr("Send review"));
    m_payOffer->setText(tr("Pay now"));
    m_back->setText(tr("Back to start"));
    m_busyLabel->setText(tr("One moment, please…"));
    for (int i = 0; i < m_stars.size(); ++i)
        m_stars.at(i)->setAccessibleName(tr("%n star(s)", nullptr, i + 1));
    updateDetails();
}

} // namespace campdesk
