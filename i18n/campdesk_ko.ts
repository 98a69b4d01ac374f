<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>CampsiteService</name>
    <message>
        <source>This campsite no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code can have up to 16 letters A–Z, digits and dashes, e.g. A-07.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">이름</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum guests must be between 1 and 50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightly price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekend price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A campsite can list at most 20 amenities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amenity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An amenity cannot contain a comma.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new campsite cannot start retired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A campsite with the code %1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed campsite %1 meanwhile. Reload it and make your change again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this campsite meanwhile. Reload it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 still has %n upcoming reservation(s). Cancel or move them first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Campsite %1 is already retired.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerService</name>
    <message>
        <source>Name</source>
        <translation type="unfinished">이름</translation>
    </message>
    <message>
        <source>Phone number is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a Korean phone number, e.g. 010-1234-5678.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This e-mail address does not look right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages can be sent in Korean or English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another customer already has this phone number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>No database is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL: %1:%2/%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file %1 is on a network share. SQLite cannot safely share a file over the network: keep the file on this computer, or use PostgreSQL when several computers share the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PostgreSQL address must look like postgresql://user:password@host:port/database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL server at %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is busy or locked by another program. Please try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file is damaged or is not a Campdesk database. Restore it from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the database was lost. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry is still in use by other records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value is outside the allowed range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was written by a newer Campdesk (schema %1; this program knows up to %2). Install the newer Campdesk on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskPinGuard</name>
    <message numerus="yes">
        <source>Too many wrong PINs. The PIN pad is locked for %n more minute(s).</source>
        <translation>
            <numerusform>잘못된 PIN을 너무 많이 입력했습니다. PIN 입력이 %n분 동안 잠깁니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>No kiosk PIN has been set. A manager sets it with campdesk --set-kiosk-pin.</source>
        <translation>키오스크 PIN이 설정되지 않았습니다. 관리자가 campdesk --set-kiosk-pin 으로 설정합니다.</translation>
    </message>
    <message>
        <source>The kiosk PIN must be 4 to 8 digits.</source>
        <translation>키오스크 PIN은 숫자 4~8자리여야 합니다.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more try(s) before the PIN pad locks.</source>
        <translation>
            <numerusform>PIN이 틀렸습니다. %n번 더 틀리면 PIN 입력이 잠깁니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewService</name>
    <message>
        <source>This booking could not be found.</source>
        <translation>예약을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Choose from one to five stars.</source>
        <translation>별점을 1개에서 5개 사이로 선택해 주세요.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>후기</translation>
    </message>
    <message>
        <source>A cancelled booking cannot be reviewed.</source>
        <translation>취소된 예약에는 후기를 남길 수 없습니다.</translation>
    </message>
    <message>
        <source>You can review your stay from the check-in day on.</source>
        <translation>후기는 체크인 날부터 남길 수 있습니다.</translation>
    </message>
    <message>
        <source>This stay has already been reviewed. Thank you!</source>
        <translation>이 숙박에는 이미 후기를 남기셨습니다. 감사합니다!</translation>
    </message>
</context>
<context>
    <name>SetKioskPinCommand</name>
    <message>
        <source>New kiosk PIN (4 to 8 digits): </source>
        <translation>새 키오스크 PIN (숫자 4~8자리): </translation>
    </message>
    <message>
        <source>No PIN given on standard input.</source>
        <translation>표준 입력으로 PIN이 주어지지 않았습니다.</translation>
    </message>
    <message>
        <source>Repeat the PIN: </source>
        <translation>PIN을 다시 입력하세요: </translation>
    </message>
    <message>
        <source>The PINs do not match.</source>
        <translation>PIN이 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>The kiosk PIN is set in %1.
</source>
        <translation>%1에 키오스크 PIN이 설정되었습니다.
</translation>
    </message>
    <message>
        <source>Set the manager&apos;s kiosk PIN (asks for it, or reads it from stdin).</source>
        <translation>관리자 키오스크 PIN을 설정합니다 (입력을 요청하거나 표준 입력에서 읽습니다).</translation>
    </message>
</context>
<context>
    <name>campdesk::Actor</name>
    <message>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role (%1) is not allowed to do this.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>campdesk::Campsite</name>
    <message>
        <source>Tent site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-camping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caravan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Glamping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cabin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retired</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>campdesk::KioskConfirmPage</name>
    <message>
        <source>Campsite booking receipt</source>
        <translation>캠핑장 예약 영수증</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>사이트</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>체크인</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>체크아웃</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>사용한 마일리지</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>결제 금액</translation>
    </message>
    <message>
        <source>SIMULATED payment — training mode</source>
        <translation>모의 결제 — 교육용 모드</translation>
    </message>
    <message>
        <source>Your booking is confirmed. Thank you!</source>
        <translation>예약이 확정되었습니다. 감사합니다!</translation>
    </message>
    <message>
        <source>Your booking code</source>
        <translation>예약 번호</translation>
    </message>
    <message>
        <source>Site %1 · %2
%3 – %4 · %5
Paid: %6</source>
        <translation>사이트 %1 · %2
%3 – %4 · %5
결제 금액: %6</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message>
        <source>You earned %1 points.</source>
        <translation>마일리지 %1점이 적립되었습니다.</translation>
    </message>
    <message>
        <source>Keep the code: with it and your phone number you can find, cancel or review your booking here.</source>
        <translation>예약 번호를 보관하세요. 예약 번호와 전화번호로 이곳에서 예약을 조회·취소하고 후기를 남길 수 있습니다.</translation>
    </message>
    <message numerus="yes">
        <source>This screen closes by itself in %n second(s).</source>
        <translation>
            <numerusform>이 화면은 %n초 후에 자동으로 닫힙니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Print or save receipt</source>
        <translation>영수증 출력/저장</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskDatesPage</name>
    <message>
        <source>When are you staying?</source>
        <translation>언제 머무르시나요?</translation>
    </message>
    <message>
        <source>Nights</source>
        <translation>숙박일수</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s)</source>
        <translation>
            <numerusform>%n박</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Back</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Show free sites</source>
        <translation>예약 가능한 사이트 보기</translation>
    </message>
    <message>
        <source>Check-in: %1
Check-out: %2</source>
        <translation>체크인: %1
체크아웃: %2</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskGuestPage</name>
    <message>
        <source>Your details</source>
        <translation>예약자 정보</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>휴대전화 번호</translation>
    </message>
    <message>
        <source>E-mail (optional)</source>
        <translation>이메일 (선택)</translation>
    </message>
    <message>
        <source>e.g. Kim Minji</source>
        <translation>예: 김민지</translation>
    </message>
    <message>
        <source>e.g. 010-1234-5678</source>
        <translation>예: 010-1234-5678</translation>
    </message>
    <message>
        <source>for your confirmation</source>
        <translation>예약 확인 메일을 받을 주소</translation>
    </message>
    <message>
        <source>Send me booking messages (confirmation, cancellation)</source>
        <translation>예약 안내 메시지 받기 (예약 확정, 취소)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskIdleOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>아직 이용 중이신가요?</translation>
    </message>
    <message>
        <source>Yes, I&apos;m still here</source>
        <translation>네, 계속할게요</translation>
    </message>
    <message>
        <source>Otherwise everything you entered is cleared and the kiosk starts over.</source>
        <translation>응답이 없으면 입력하신 내용이 모두 지워지고 처음 화면으로 돌아갑니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskMileagePage</name>
    <message>
        <source>Price of your stay: %1</source>
        <translation>숙박 요금: %1</translation>
    </message>
    <message>
        <source>To pay: %1</source>
        <translation>결제할 금액: %1</translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation>%1 결제하기</translation>
    </message>
    <message>
        <source>Book with points</source>
        <translation>마일리지로 예약하기</translation>
    </message>
    <message>
        <source>Your points</source>
        <translation>마일리지</translation>
    </message>
    <message>
        <source>You have %1 points. Use some of them for this stay? (1 point = 1 won)</source>
        <translation>마일리지가 %1점 있습니다. 이번 숙박에 사용하시겠어요? (1점 = 1원)</translation>
    </message>
    <message>
        <source>You have no points yet. This stay earns you points for your next visit.</source>
        <translation>아직 마일리지가 없습니다. 이번 숙박으로 다음 방문에 쓸 마일리지가 적립됩니다.</translation>
    </message>
    <message>
        <source>Points to use</source>
        <translation>사용할 마일리지</translation>
    </message>
    <message>
        <source>Use as many as possible</source>
        <translation>최대한 사용하기</translation>
    </message>
    <message>
        <source>%1 P</source>
        <translation>%1점</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>이전</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskMyBookingPage</name>
    <message>
        <source>Booking %1 · %2
Site %3 · %4
%5 – %6 · %7
Paid: %8</source>
        <translation>예약 %1 · %2
사이트 %3 · %4
%5 – %6 · %7
결제 금액: %8</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Your points: %1</source>
        <translation>내 마일리지: %1점</translation>
    </message>
    <message>
        <source>If you cancel now you get back %1 (%2% of what you paid). Cancel this booking?</source>
        <translation>지금 취소하면 %1이 환불됩니다 (결제 금액의 %2%). 예약을 취소하시겠어요?</translation>
    </message>
    <message>
        <source>If you cancel now there is no refund (it is too close to your check-in day). Cancel this booking anyway?</source>
        <translation>지금 취소하면 환불되지 않습니다 (체크인 날짜가 너무 가깝습니다). 그래도 예약을 취소하시겠어요?</translation>
    </message>
    <message>
        <source>My booking</source>
        <translation>내 예약</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>예약 번호</translation>
    </message>
    <message>
        <source>e.g. CD-7K3P9Q</source>
        <translation>예: CD-7K3P9Q</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>휴대전화 번호</translation>
    </message>
    <message>
        <source>the number you booked with</source>
        <translation>예약할 때 입력한 번호</translation>
    </message>
    <message>
        <source>Find my booking</source>
        <translation>내 예약 찾기</translation>
    </message>
    <message>
        <source>Cancel booking…</source>
        <translation>예약 취소…</translation>
    </message>
    <message>
        <source>Yes, cancel it</source>
        <translation>네, 취소할게요</translation>
    </message>
    <message>
        <source>No, keep it</source>
        <translation>아니요, 유지할게요</translation>
    </message>
    <message>
        <source>How was your stay? Tap the stars and write a few words:</source>
        <translation>숙박은 어떠셨나요? 별점을 누르고 간단히 남겨 주세요:</translation>
    </message>
    <message>
        <source>Send review</source>
        <translation>후기 보내기</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>처음으로</translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>별 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>campdesk::KioskPayPage</name>
    <message>
        <source>SIMULATED card terminal — training mode, no money is taken</source>
        <translation>모의 카드 단말기 — 교육용 모드이며 실제로 결제되지 않습니다</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>처음부터 다시</translation>
    </message>
    <message>
        <source>Paying %1</source>
        <translation>%1 결제 중</translation>
    </message>
    <message>
        <source>Please insert or tap your card on the card terminal and follow its instructions.
Please wait — this can take a few seconds.</source>
        <translation>카드 단말기에 카드를 꽂거나 대고 안내에 따라 주세요.
잠시만 기다려 주세요 — 몇 초 걸릴 수 있습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n s</source>
        <translation>
            <numerusform>%n초 후 다시 시도</numerusform>
        </translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>다시 시도</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskPinPad</name>
    <message>
        <source>Staff only: enter the manager&apos;s kiosk PIN</source>
        <translation>직원 전용: 관리자 키오스크 PIN을 입력하세요</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Back to the kiosk</source>
        <translation>키오스크로 돌아가기</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskSiteCard</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 · up to %n guest(s)</source>
        <translation>
            <numerusform>%1 · 최대 %n명</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n review(s))</source>
        <translation>
            <numerusform>%1 (후기 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>No reviews yet</source>
        <translation>아직 후기가 없습니다</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskSitesPage</name>
    <message>
        <source>Choose your site</source>
        <translation>사이트를 선택하세요</translation>
    </message>
    <message>
        <source>%1 – %2 · %3 · %4</source>
        <translation>%1 – %2 · %3 · %4</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s)</source>
        <translation>
            <numerusform>%n박</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Sorry, no site is free for these dates and this many guests. Please try other dates.</source>
        <translation>죄송합니다. 이 날짜와 인원으로 예약 가능한 사이트가 없습니다. 다른 날짜를 선택해 주세요.</translation>
    </message>
    <message>
        <source>Change dates</source>
        <translation>날짜 변경</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskUnavailablePage</name>
    <message>
        <source>The kiosk is temporarily unavailable</source>
        <translation>키오스크를 잠시 사용할 수 없습니다</translation>
    </message>
    <message>
        <source>Sorry — we cannot take bookings here right now. Please go to the front desk, or try again in a few minutes. Nothing you entered has been charged.</source>
        <translation>죄송합니다. 지금은 이곳에서 예약할 수 없습니다. 프런트에 문의하시거나 몇 분 후에 다시 시도해 주세요. 결제된 금액은 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s)…</source>
        <translation>
            <numerusform>%n초 후 다시 연결합니다…</numerusform>
        </translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>다시 연결하는 중…</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskWelcomePage</name>
    <message>
        <source>Welcome to the campground</source>
        <translation>캠핑장에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>Book a campsite for tonight or later, and pay right here.</source>
        <translation>오늘 밤이나 다른 날의 캠핑 사이트를 예약하고 여기서 바로 결제하세요.</translation>
    </message>
    <message>
        <source>Book a site</source>
        <translation>예약하기</translation>
    </message>
    <message>
        <source>My booking</source>
        <translation>내 예약</translation>
    </message>
    <message>
        <source>Touch a button to start. Need help? Please ask at the front desk.</source>
        <translation>버튼을 눌러 시작하세요. 도움이 필요하면 프런트에 문의해 주세요.</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskWindow</name>
    <message>
        <source>Campdesk kiosk</source>
        <translation>Campdesk 키오스크</translation>
    </message>
    <message>
        <source>Campsite booking</source>
        <translation>캠핑장 예약</translation>
    </message>
    <message>
        <source>TRAINING MODE — payments are simulated</source>
        <translation>교육용 모드 — 모의 결제</translation>
    </message>
    <message>
        <source>Sorry, site %1 was just booked by someone else. Please choose another site — nothing was charged.</source>
        <translation>죄송합니다. 방금 다른 분이 %1 사이트를 예약했습니다. 다른 사이트를 선택해 주세요 — 결제된 금액은 없습니다.</translation>
    </message>
    <message>
        <source>We are checking your payment</source>
        <translation>결제를 확인하고 있습니다</translation>
    </message>
    <message>
        <source>The card company did not answer in time. Please do not pay again. Show this code at the front desk: %1</source>
        <translation>카드사 응답이 늦어지고 있습니다. 다시 결제하지 마세요. 프런트에 이 번호를 보여 주세요: %1</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again in a little while, or pay at the front desk.</source>
        <translation>지금은 결제가 혼잡합니다. 잠시 후에 다시 시도하시거나 프런트에서 결제해 주세요.</translation>
    </message>
    <message>
        <source>Payments are busy</source>
        <translation>결제 혼잡</translation>
    </message>
    <message>
        <source>Payment declined</source>
        <translation>결제가 거절되었습니다</translation>
    </message>
    <message>
        <source>You can try again with another card.</source>
        <translation>다른 카드로 다시 시도할 수 있습니다.</translation>
    </message>
    <message>
        <source>The booking could not be made</source>
        <translation>예약하지 못했습니다</translation>
    </message>
    <message>
        <source>Your receipt is being printed.</source>
        <translation>영수증을 출력하고 있습니다.</translation>
    </message>
    <message>
        <source>Your receipt was saved. Ask at the front desk for a printed copy.</source>
        <translation>영수증이 저장되었습니다. 출력본은 프런트에 요청해 주세요.</translation>
    </message>
    <message>
        <source>The receipt could not be saved. Please ask at the front desk.</source>
        <translation>영수증을 저장하지 못했습니다. 프런트에 문의해 주세요.</translation>
    </message>
    <message numerus="yes">
        <source>Please wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>%n초 후에 다시 시도해 주세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>We could not find a booking with this code and phone number. Please check both and try again.</source>
        <translation>이 예약 번호와 전화번호로 예약을 찾을 수 없습니다. 두 가지를 확인하고 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>Your booking is cancelled. %1 goes back to your card.</source>
        <translation>예약이 취소되었습니다. %1이 카드로 환불됩니다.</translation>
    </message>
    <message>
        <source>Your booking is cancelled.</source>
        <translation>예약이 취소되었습니다.</translation>
    </message>
    <message>
        <source>Thank you! Your review was sent.</source>
        <translation>감사합니다! 후기가 등록되었습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::MainWindow</name>
    <message>
        <source>Campdesk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>campdesk::Validation</name>
    <message>
        <source>%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be at least %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can be at most %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains characters that cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be more than 0 won.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Database to use: a SQLite file path or postgresql://user@host:port/db.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal&apos;s settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campground reservations: admin app, front desk and walk-in kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run as the locked-down walk-in kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
