#include "kioskwindow.h"

#include "core/clock.h"
#include "core/languagemanager.h"
#include "core/logging.h"
#include "domain/campsiteservice.h"
#include "domain/guestdetailsservice.h"
#include "domain/kioskpinguard.h"
#include "domain/mileageservice.h"
#include "domain/reviewservice.h"
#include "domain/waitlistservice.h"
#include "inactivityfilter.h"
#include "kioskconfirmpage.h"
#include "kioskdatespage.h"
#include "kioskextraspage.h"
#include "kioskfieldguard.h"
#include "kioskguestpage.h"
#include "kioskidleoverlay.h"
#include "kioskkeyboard.h"
#include "kiosklockdown.h"
#include "kioskmileagepage.h"
#include "kioskmybookingpage.h"
#include "kioskpaypage.h"
#include "kioskpinpad.h"
#include "kiosksitespage.h"
#include "kioskunavailablepage.h"
#include "kioskwaitlistpage.h"
#include "kioskwelcomepage.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLoggingCategory>
#include <QPrinter>
#include <QPrinterInfo>
#include <QStackedWidget>
#include <QTextDocument>
#include <QVBoxLayout>

// The kiosk style sheet and icons live in campdesk_views, a static library: make sure they are linked in.
static void initKioskResources()
{
    Q_INIT_RESOURCE(campdesk);
}

namespace campdesk {

QString KioskWindow::styleSheet()
{
    initKioskResources();
    QFile file(QStringLiteral(":/kiosk.qss"));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

KioskWindow::KioskWindow(const KioskServices& services, const KioskOptions& options, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_options(options)
    , m_session(std::make_unique<KioskSession>(*services.bookings, *services.gateway, services.readModel))
{
    initKioskResources();
    m_session->setCodeSender(m_services.codeSender);
    if (!m_services.clock)
        m_services.clock = &Clock::system();
    setObjectName(QStringLiteral("kioskWindow"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(styleSheet());
    LanguageManager& language = *m_services.language;

    // The banner and the pages in one widget the window places itself (no layout on the window): the on-screen
    // keyboard moves it up to keep the field being typed in above its keys, and no layout pass puts it back.
    m_body = new QWidget(this);
    m_body->setObjectName(QStringLiteral("kioskBody"));
    m_banner = new QWidget(m_body);
    m_banner->setObjectName(QStringLiteral("kioskBanner"));
    m_banner->setAttribute(Qt::WA_StyledBackground);
    m_banner->setFixedHeight(88);
    auto* logo = new QLabel(m_banner);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/campdesk.svg")).pixmap(56, 56));
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("kioskBannerText"));
    m_simulatedBadge = new QLabel(m_banner);
    m_simulatedBadge->setObjectName(QStringLiteral("kioskSimulatedBadge"));
    m_simulatedBadge->setVisible(m_services.gateway->isSimulated());
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(24, 12, 24, 12);
    bannerLayout->setSpacing(16);
    bannerLayout->addWidget(logo);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_simulatedBadge);

    m_pages = new QStackedWidget(m_body);
    m_welcome = new KioskWelcomePage(language, m_pages);
    m_dates = new KioskDatesPage(language, m_pages);
    m_sites = new KioskSitesPage(language, m_pages);
    m_sites->setServices(m_services.siteMap, m_services.photos);
    m_guest = new KioskGuestPage(language, m_pages);
    m_extras = new KioskExtrasPage(language, m_pages);
    m_mileage = new KioskMileagePage(language, m_pages);
    m_pay = new KioskPayPage(language, m_pages);
    m_confirm = new KioskConfirmPage(language, m_pages);
    m_myBooking = new KioskMyBookingPage(language, m_pages);
    m_unavailable = new KioskUnavailablePage(language, m_pages);
    m_waitlist = new KioskWaitlistPage(language, m_pages);
    m_sites->setWaitlistEnabled(m_services.waitlist != nullptr);
    for (QWidget* page : std::initializer_list<QWidget*> { m_welcome, m_dates, m_sites, m_guest, m_extras, m_mileage,
                                                           m_pay, m_confirm, m_myBooking, m_unavailable, m_waitlist })
        m_pages->addWidget(page);

    auto* layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_pages, 1);

    // Under the overlays: the idle question and the PIN pad cover the keyboard, and the pad has keys of its own.
    m_keyboard = new KioskKeyboard(this, m_body);
    m_keyboard->setDefaultLayout(m_options.defaultLanguage == QLatin1String("ko") ? KioskKeyboard::Layout::Korean
                                                                                  : KioskKeyboard::Layout::English);
    m_idleOverlay = new KioskIdleOverlay(this);
    m_pinPad = new KioskPinPad(this);
    m_pinPad->setProperty("kioskNoKeyboard", true);
    m_inactivity = new InactivityFilter(this);
    m_inactivity->setTimeoutMs(m_options.idleSeconds * 1000);
    m_lockdown = new KioskLockdown(this, this);
    m_fieldGuard = new KioskFieldGuard(this);
    m_fieldGuard->protect(this);
    removeReceipts(); // left by a kiosk that stopped before its customer's reset

    connect(m_welcome, &KioskWelcomePage::languageRequested, this,
            [this](const QString& code) { m_services.language->setLanguage(code); });
    connect(m_welcome, &KioskWelcomePage::bookRequested, this, [this] {
        m_dates->setToday(m_services.clock->today());
        m_dates->clear();
        showPage(m_dates);
    });
    connect(m_welcome, &KioskWelcomePage::findRequested, this, [this] {
        m_myBooking->clear();
        showPage(m_myBooking);
    });
    connect(m_dates, &KioskDatesPage::back, this, &KioskWindow::resetSession);
    connect(m_dates, &KioskDatesPage::searchRequested, this,
            [this](const QDate& in, const QDate& out, int guests) { m_session->search(in, out, guests); });
    connect(m_sites, &KioskSitesPage::back, this, [this] { showPage(m_dates); });
    connect(m_sites, &KioskSitesPage::joinWaitlist, this, [this] {
        m_waitlist->clear();
        m_waitlist->setStay(m_sitesCheckIn, m_sitesCheckOut, m_sitesGuests);
        showPage(m_waitlist);
    });
    connect(m_waitlist, &KioskWaitlistPage::back, this, [this] { showPage(m_sites); });
    connect(m_waitlist, &KioskWaitlistPage::done, this, &KioskWindow::resetSession);
    connect(m_waitlist, &KioskWaitlistPage::join, this, &KioskWindow::joinWaitlist);
    connect(m_sites, &KioskSitesPage::siteChosen, this, [this](const KioskSiteOffer& offer) {
        m_session->chooseSite(offer);
        showPage(m_guest);
    });
    connect(m_guest, &KioskGuestPage::back, this, [this] { showPage(m_sites); });
    connect(m_guest, &KioskGuestPage::next, m_session.get(), &KioskSession::enterGuest);
    connect(m_mileage, &KioskMileagePage::back, this, [this] { showPage(m_extras); });
    connect(m_extras, &KioskExtrasPage::back, this, [this] { showPage(m_guest); });
    connect(m_extras, &KioskExtrasPage::extrasChanged, this, [this](const QList<ExtraChoice>& extras) {
        Result<Quote> quote = m_session->chooseExtras(extras);
        if (quote.ok())
            m_extras->setQuote(quote.value());
        else
            m_extras->setError(quote.error().message);
    });
    connect(m_mileage, &KioskMileagePage::payRequested, m_session.get(), &KioskSession::pay);
    connect(m_pay, &KioskPayPage::retry, m_session.get(), &KioskSession::retryPayment);
    connect(m_pay, &KioskPayPage::startOver, this, &KioskWindow::resetSession);
    connect(m_confirm, &KioskConfirmPage::done, this, &KioskWindow::resetSession);
    connect(m_confirm, &KioskConfirmPage::receiptRequested, this, &KioskWindow::saveReceipt);
    connect(m_myBooking, &KioskMyBookingPage::back, this, &KioskWindow::resetSession);
    connect(m_myBooking, &KioskMyBookingPage::findRequested, this, &KioskWindow::findBooking);
    connect(m_myBooking, &KioskMyBookingPage::cancelConfirmed, this, [this](const QString& code, const QString& phone) {
        m_cancelPhone = phone;
        m_session->cancelBooking(code, phone);
    });
    connect(m_myBooking, &KioskMyBookingPage::reviewSubmitted, this, &KioskWindow::submitReview);

    // The session decides what comes next; the window only shows it.
    connect(m_session.get(), &KioskSession::sitesFound, this, &KioskWindow::showSites);
    connect(m_session.get(), &KioskSession::sitesProblem, m_sites, &KioskSitesPage::setNotice);
    // Extras and the quote's lines before paying (the catalogue read now: stock changes during the day).
    connect(m_session.get(), &KioskSession::amountsReady, this, [this] {
        Result<QList<Extra>> offered = ExtrasService(m_services.bookings->database()).list(true, true);
        m_extras->setExtras(offered.ok() ? offered.value() : QList<Extra>(), m_session->request().extras);
        Result<Quote> quote = m_session->chooseExtras(m_extras->choices());
        if (quote.ok())
            m_extras->setQuote(quote.value());
        else
            m_extras->setError(quote.error().message);
        showPage(m_extras);
    });
    connect(m_extras, &KioskExtrasPage::next, this, [this] {
        const qint64 total = m_session->offer().total;
        const KioskSiteOffer& offer = m_session->offer();
        const BookingRequest& request = m_session->request();
        m_mileage->setStay(tr("%1 · %2").arg(offer.site.code, offer.site.name), request.checkIn, request.checkOut,
                           request.guests);
        m_mileage->setAmounts(total, 0);
        m_mileage->setPointsState(m_session->canVerifyPhone() ? KioskMileagePage::PointsState::Locked
                                                              : KioskMileagePage::PointsState::DeskOnly);
        showPage(m_mileage);
    });
    connect(m_mileage, &KioskMileagePage::codeRequested, this, [this] {
        if (m_session->requestCode())
            m_mileage->setBusy(true);
    });
    connect(m_mileage, &KioskMileagePage::codeEntered, this, [this](const QString& code) {
        if (m_session->verifyCode(code))
            m_mileage->setBusy(true);
    });
    connect(m_session.get(), &KioskSession::codeSent, this, [this] {
        m_mileage->setBusy(false);
        m_mileage->setPointsState(KioskMileagePage::PointsState::CodeSent);
    });
    connect(m_session.get(), &KioskSession::codeProblem, this, [this](const QString& message) {
        m_mileage->setBusy(false);
        m_mileage->setCodeMessage(message);
    });
    connect(m_session.get(), &KioskSession::pointsUnlocked, this, [this](qint64 balance) {
        m_mileage->setBusy(false);
        const qint64 total = m_session->offer().total;
        m_mileage->setPointsState(KioskMileagePage::PointsState::Unlocked);
        m_mileage->setAmounts(total, balance);
    });
    connect(m_session.get(), &KioskSession::guestProblem, m_guest, &KioskGuestPage::setError);
    if (m_services.guestDetails) {
        m_guest->setPlateShown(true);
        // Saved while the booking is held (the only time a kiosk may); a plate that cannot be saved never stops
        // the booking: the desk can add it.
        connect(m_session->bookingFlow(), &BookingFlow::held, this, [this](const Reservation& held) {
            const QString plate = m_guest->plate();
            if (plate.isEmpty())
                return;
            GuestDetails details;
            details.guestName = m_session->request().customer.name;
            details.plates = { plate };
            Result<GuestDetails> saved = m_services.guestDetails->set(Actor::kiosk(), held.id, details);
            if (!saved.ok())
                qWarning("the plate of %s was not saved: %s", qPrintable(held.code), qPrintable(saved.error().message));
        });
    }
    connect(m_session.get(), &KioskSession::paying, this, [this](qint64 payable) {
        m_pay->showWaiting(payable, m_services.gateway->isSimulated());
        showPage(m_pay);
    });
    connect(m_session.get(), &KioskSession::booked, this, &KioskWindow::showReceipt);
    connect(m_session.get(), &KioskSession::paymentProblem, this, &KioskWindow::showPaymentProblem);
    connect(m_session.get(), &KioskSession::refunding, this, [this] { m_myBooking->setBusy(true); });
    connect(m_session.get(), &KioskSession::cancelled, this, &KioskWindow::showCancelled);
    connect(m_session.get(), &KioskSession::cancelProblem, this, [this](const QString& message) {
        m_myBooking->setBusy(false);
        m_myBooking->setDetailsMessage(message);
    });
    connect(m_session.get(), &KioskSession::bookingFound, this, [this](const Reservation& r) {
        m_myBooking->setBusy(false);
        showBooking(r, m_lookupPhone);
    });
    connect(m_session.get(), &KioskSession::offerFound, this, [this](const Reservation& held) {
        m_myBooking->setBusy(false);
        KioskBookingDetails details;
        details.reservation = held;
        details.offer = true;
        m_myBooking->showDetails(details);
    });
    connect(m_myBooking, &KioskMyBookingPage::payOfferRequested, this, [this] {
        m_keyboard->dismiss();
        if (!m_session->payOffer())
            qCWarning(lcKiosk) << "no waitlist offer to pay, or something is running";
    });
    connect(m_session.get(), &KioskSession::lookupProblem, this, [this](const QString& message) {
        m_myBooking->setBusy(false);
        m_myBooking->setFindError(message);
    });
    connect(m_session.get(), &KioskSession::reviewSent, this, [this](const Reservation& r) {
        m_myBooking->setBusy(false);
        showBooking(r, m_lookupPhone, tr("Thank you! Your review was sent."));
    });
    connect(m_session.get(), &KioskSession::reviewProblem, this, [this](const QString& message) {
        m_myBooking->setBusy(false);
        m_myBooking->setDetailsMessage(message);
    });
    connect(m_session.get(), &KioskSession::unavailable, this, [this](const Error& error) {
        m_myBooking->setBusy(false);
        m_mileage->setBusy(false);
        handledAsUnavailable(error);
    });

    connect(m_inactivity, &InactivityFilter::inactive, this, &KioskWindow::becameIdle);
    connect(m_idleOverlay, &KioskIdleOverlay::stillHere, m_inactivity, &InactivityFilter::restart);
    connect(m_idleOverlay, &KioskIdleOverlay::expired, this, [this] {
        qCInfo(lcKiosk) << "idle: session wiped";
        resetSession();
    });
    connect(m_lockdown, &KioskLockdown::exitGesture, this, [this] {
        if (!m_services.pin || m_session->isBusy())
            return;
        // Whatever the pad's "back" returns to must not be the last customer's screen.
        resetSession();
        m_pinPad->open();
    });
    connect(m_pinPad, &KioskPinPad::submitted, this, &KioskWindow::checkPin);
    m_retryTimer.setInterval(1000);
    connect(&m_retryTimer, &QTimer::timeout, this, &KioskWindow::retryDatabase);

    m_services.language->setLanguage(m_options.defaultLanguage);
    retranslate();
    resetSession();
}

KioskWindow::~KioskWindow() = default;

void KioskWindow::enterKioskMode()
{
    setWindowFlags(Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint);
    m_lockdown->activate();
    m_lockdown->keepOnScreen();
    m_inactivity->activate();
    KioskLockdown::showOnWholeScreen(this);
    qCInfo(lcKiosk) << "kiosk mode on";
}

KioskPage* KioskWindow::currentPage() const
{
    return qobject_cast<KioskPage*>(m_pages->currentWidget());
}

void KioskWindow::showPage(QWidget* page)
{
    if (m_keyboard && m_pages->currentWidget() != page)
        m_keyboard->dismiss(); // a new screen starts without the keyboard over it
    m_pages->setCurrentWidget(page);
    m_inactivity->restart();
}

void KioskWindow::resetSession()
{
    if (!m_session->reset()) {
        // A payment or refund is in flight: its result decides what the customer sees; wipe afterwards.
        return;
    }
    m_idleOverlay->stop();
    m_retryTimer.stop();
    m_cancelPhone.clear();
    m_lookupPhone.clear();
    m_keyboard->dismiss();
    for (KioskPage* page : m_pages->findChildren<KioskPage*>(QString(), Qt::FindDirectChildrenOnly))
        page->clear();
    KioskFieldGuard::wipe(this);
    removeReceipts();
    if (m_services.language->language() != m_options.defaultLanguage)
        m_services.language->setLanguage(m_options.defaultLanguage);
    showPage(m_welcome);
}

void KioskWindow::showUnavailable()
{
    qCWarning(lcKiosk) << "database unreachable: kiosk shows the unavailable screen";
    m_idleOverlay->stop();
    m_retryLeft = m_options.retrySeconds;
    m_unavailable->setSecondsToRetry(m_retryLeft);
    showPage(m_unavailable);
    m_retryTimer.start();
}

void KioskWindow::retryDatabase()
{
    if (--m_retryLeft > 0) {
        m_unavailable->setSecondsToRetry(m_retryLeft);
        return;
    }
    Result<QList<Campsite>> probe = m_services.campsites->list(false);
    if (!probe.ok() && m_services.reopenDatabase && !m_session->isBusy()) {
        // The connection may still hold a file that was replaced meanwhile: open it again and look once more.
        if (Status reopened = m_services.reopenDatabase(); reopened.ok())
            probe = m_services.campsites->list(false);
        else
            qCWarning(lcKiosk).noquote() << "database not reopened:" << reopened.error().message;
    }
    if (probe.ok()) {
        qCInfo(lcKiosk) << "database reachable again";
        resetSession();
        return;
    }
    m_retryLeft = m_options.retrySeconds;
    m_unavailable->setSecondsToRetry(m_retryLeft);
}

bool KioskWindow::handledAsUnavailable(const Error& error)
{
    if (error.code != ErrorCode::Unavailable && error.code != ErrorCode::Database)
        return false;
    qCWarning(lcKiosk) << "database problem:" << error.message;
    showUnavailable();
    return true;
}

void KioskWindow::closeEvent(QCloseEvent* event)
{
    if (m_exitAllowed) {
        QWidget::closeEvent(event);
        return;
    }
    qCInfo(lcKiosk) << "close refused: kiosk mode";
    event->ignore();
}

void KioskWindow::resizeEvent(QResizeEvent* event)
{
    m_body->setGeometry(0, m_keyboard ? -m_keyboard->lift() : 0, width(), height());
    QWidget::resizeEvent(event);
}

void KioskWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void KioskWindow::retranslate()
{
    if (m_keyboard) {
        m_keyboard->setDefaultLayout(m_services.language->language() == QLatin1String("ko")
                                         ? KioskKeyboard::Layout::Korean
                                         : KioskKeyboard::Layout::English);
    }
    setWindowTitle(tr("Campdesk kiosk"));
    m_bannerText->setText(tr("Campsite booking"));
    m_simulatedBadge->setText(tr("TRAINING MODE — payments are simulated"));
}

void KioskWindow::becameIdle()
{
    if (m_session->isBusy()) {
        m_inactivity->restart();
        return;
    }
    // A PIN pad left open is closed: the next customer must not find it, nor what was typed into it.
    if (m_pinPad->isVisible()) {
        m_pinPad->dismiss();
        resetSession();
        m_inactivity->restart();
        return;
    }
    // Nothing personal is on the welcome or unavailable screens: nothing to wipe, just make sure the
    // language is back to the default for the next customer.
    if (m_pages->currentWidget() == m_welcome || m_pages->currentWidget() == m_unavailable) {
        if (m_services.language->language() != m_options.defaultLanguage)
            resetSession();
        m_inactivity->restart();
        return;
    }
    m_idleOverlay->start(m_options.countdownSeconds);
}

void KioskWindow::showSites(const QList<KioskSiteOffer>& offers, const QDate& checkIn, const QDate& checkOut,
                            int guests, const QString& notice)
{
    m_sites->setOffers(offers, checkIn, checkOut, guests);
    m_sites->setNotice(notice);
    m_sitesCheckIn = checkIn;
    m_sitesCheckOut = checkOut;
    m_sitesGuests = guests;
    if (offers.isEmpty()) {
        // Nothing free: say whether it is the dates or the size of the party.
        int largest = 0;
        if (Result<QList<Campsite>> sites = m_services.campsites->list(false); sites.ok()) {
            for (const Campsite& site : sites.value()) {
                if (site.status == CampsiteStatus::Active)
                    largest = std::max(largest, site.maxGuests);
            }
        }
        m_sites->setLargestParty(largest);
    }
    showPage(m_sites);
}

void KioskWindow::joinWaitlist()
{
    if (!m_services.waitlist)
        return;
    WaitlistRequest wish;
    wish.checkIn = m_waitlist->checkIn();
    wish.checkOut = m_waitlist->checkOut();
    wish.guests = m_waitlist->guests();
    wish.customer.name = m_waitlist->name();
    wish.customer.phone = m_waitlist->phone();
    wish.kind = m_waitlist->kind();
    wish.customer.language = m_services.language->language(); // the offer comes in the language they used here
    if (Status joined = m_services.waitlist->join(Actor::kiosk(), wish); !joined.ok()) {
        m_waitlist->setError(joined.error().message);
        return;
    }
    m_waitlist->showJoined();
}

void KioskWindow::showReceipt(const Reservation& reservation, qint64 pointsEarned)
{
    m_inactivity->restart();
    KioskReceipt receipt;
    receipt.reservation = reservation;
    receipt.pointsEarned = pointsEarned;
    receipt.simulated = m_services.gateway->isSimulated();
    receipt.lines = m_session->offer().lines;
    m_confirm->showReceipt(receipt, m_options.confirmationSeconds);
    // The typed details are not needed any more: the receipt holds what the customer may see.
    m_guest->clear();
    m_mileage->clear();
    showPage(m_confirm);
}

void KioskWindow::showPaymentProblem(const KioskPaymentProblem& problem)
{
    m_inactivity->restart();
    m_pay->showProblem(problem.title, problem.message, problem.canRetry, problem.retryAfterSeconds);
}

void KioskWindow::saveReceipt()
{
    const QPrinterInfo printer = QPrinterInfo::defaultPrinter();
    if (!printer.isNull()) {
        QPrinter device(printer);
        QTextDocument document;
        document.setHtml(m_confirm->receiptHtml());
        document.print(&device);
        m_confirm->setReceiptStatus(tr("Your receipt is being printed."));
        return;
    }
    QString folder = m_options.receiptFolder;
    if (folder.isEmpty())
        folder = QDir::tempPath() + QStringLiteral("/campdesk-kiosk-receipts");
    // The receipt names the customer: only this user may read the folder and the file, from the first byte.
    const QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
    const bool folderOk = QDir().mkpath(folder)
        && QFile::setPermissions(folder,
                                 ownerOnly | QFile::ExeOwner | QFile::ReadUser | QFile::WriteUser | QFile::ExeUser);
    const QString path
        = QDir(folder).filePath(QStringLiteral("receipt-%1.pdf").arg(m_confirm->receipt().reservation.code));
    QFile file(path);
    const bool created = folderOk && file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.setPermissions(ownerOnly | QFile::ReadUser | QFile::WriteUser);
    file.close();
    if (created && m_confirm->saveReceiptPdf(path)) {
        m_lastReceiptPath = path;
        m_receiptFiles.append(path);
        qCInfo(lcKiosk) << "receipt saved" << path;
        m_confirm->setReceiptStatus(tr("Your receipt was saved. Ask at the front desk for a printed copy."));
    } else {
        QFile::remove(path);
        m_confirm->setReceiptStatus(tr("The receipt could not be saved. Please ask at the front desk."));
    }
}

void KioskWindow::removeReceipts()
{
    for (const QString& path : std::as_const(m_receiptFiles))
        QFile::remove(path);
    m_receiptFiles.clear();
    if (m_options.receiptFolder.isEmpty())
        return;
    const QDir folder(m_options.receiptFolder);
    for (const QString& name : folder.entryList({ QStringLiteral("receipt-*.pdf") }, QDir::Files))
        QFile::remove(folder.filePath(name));
}

void KioskWindow::findBooking(const QString& code, const QString& phone)
{
    // The throttle and the look-up run on a worker: a locked database shows "processing", not a frozen screen.
    m_lookupPhone = phone;
    m_keyboard->dismiss(); // the "one moment" under it must be seen
    if (m_session->findBooking(code, phone))
        m_myBooking->setBusy(true);
}

void KioskWindow::showBooking(const Reservation& r, const QString& phone, const QString& message)
{
    KioskBookingDetails details;
    details.reservation = r;
    CancelRequest request;
    request.code = r.code;
    request.phone = phone;
    Result<CancelQuote> quote = m_services.bookings->cancellationQuote(Actor::kiosk(), request);
    details.cancellable = quote.ok();
    if (quote.ok()) {
        details.refund = quote->refund;
        details.refundPercent = quote->refundPercent;
        details.pointsShortfall = quote->pointsShortfall;
    }
    // A stay is reviewed once checked in (ReviewService refuses it before).
    const bool stayed = r.status == ReservationStatus::CheckedIn || r.status == ReservationStatus::CheckedOut;
    details.canReview = stayed && m_services.clock->today() >= r.checkIn;
    if (details.canReview && m_services.reviews) {
        Result<bool> reviewed = m_services.reviews->hasReview(r.id);
        details.reviewed = reviewed.ok() && reviewed.value();
    }
    // No balance here: a booking code and a phone number are not proof that the phone is yours.
    m_myBooking->showDetails(details);
    m_myBooking->setDetailsMessage(message);
}

void KioskWindow::showCancelled(const Reservation& r)
{
    m_myBooking->setBusy(false);
    showBooking(r, m_cancelPhone,
                r.refundAmount > 0 ? tr("Your booking is cancelled. %1 goes back to your card.")
                                         .arg(m_services.language->formatMoney(r.refundAmount))
                                   : tr("Your booking is cancelled."));
}

void KioskWindow::submitReview(const QString& code, const QString& phone, int rating, const QString& text)
{
    m_lookupPhone = phone;
    m_keyboard->dismiss();
    if (m_session->submitReview(code, phone, rating, text))
        m_myBooking->setBusy(true);
}

void KioskWindow::checkPin(const QString& pin)
{
    const Status checked = m_services.pin->verify(pin);
    if (!checked.ok()) {
        qCWarning(lcKiosk) << "kiosk PIN refused";
        m_pinPad->setMessage(checked.error().message);
        return;
    }
    qCInfo(lcKiosk) << "kiosk PIN accepted: leaving kiosk mode";
    m_pinPad->dismiss();
    m_exitAllowed = true;
    m_lockdown->deactivate();
    m_inactivity->deactivate();
    emit exitRequested();
    close();
}

} // namespace campdesk
