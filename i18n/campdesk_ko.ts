<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AdminApp</name>
    <message>
        <source>Demo data was added. Log in with one of these accounts (change the passwords before real use):
</source>
        <translation>데모 데이터를 추가했습니다. 아래 계정 중 하나로 로그인하세요 (실제로 쓰기 전에 비밀번호를 바꾸세요):
</translation>
    </message>
    <message>
        <source>They are also saved in %1.
</source>
        <translation>이 정보는 %1 파일에도 저장되어 있습니다.
</translation>
    </message>
    <message>
        <source>Campdesk cannot start</source>
        <translation>Campdesk를 시작할 수 없습니다</translation>
    </message>
    <message>
        <source>The database could not be opened.

%1

Check the --database option or the &quot;database&quot; entry in this terminal&apos;s settings.</source>
        <translation>데이터베이스를 열 수 없습니다.

%1

--database 옵션이나 이 단말기 설정의 &quot;database&quot; 항목을 확인하세요.</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>데모 데이터</translation>
    </message>
    <message>
        <source>The demo data could not be added: %1</source>
        <translation>데모 데이터를 추가하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>CampsiteService</name>
    <message>
        <source>This campsite no longer exists.</source>
        <translation>이 캠핑 사이트는 더 이상 존재하지 않습니다.</translation>
    </message>
    <message>
        <source>Code is required.</source>
        <translation>코드를 입력하세요.</translation>
    </message>
    <message>
        <source>Code can have up to 16 letters A–Z, digits and dashes, e.g. A-07.</source>
        <translation>코드는 영문 대문자 A–Z, 숫자, 대시(-)로 16자까지 쓸 수 있습니다. 예: A-07</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>구역</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Maximum guests must be between 1 and 50.</source>
        <translation>최대 인원은 1명에서 50명 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Nightly price</source>
        <translation>1박 요금</translation>
    </message>
    <message>
        <source>Weekend price</source>
        <translation>주말 요금</translation>
    </message>
    <message>
        <source>A campsite can list at most 20 amenities.</source>
        <translation>편의시설은 20개까지 등록할 수 있습니다.</translation>
    </message>
    <message>
        <source>Amenity</source>
        <translation>편의시설</translation>
    </message>
    <message>
        <source>An amenity cannot contain a comma.</source>
        <translation>편의시설 이름에는 쉼표를 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>A new campsite cannot start retired.</source>
        <translation>새 캠핑 사이트는 운영 종료 상태로 등록할 수 없습니다.</translation>
    </message>
    <message>
        <source>A campsite with the code %1 already exists.</source>
        <translation>코드가 %1인 캠핑 사이트가 이미 있습니다.</translation>
    </message>
    <message>
        <source>Someone else changed campsite %1 meanwhile. Reload it and make your change again.</source>
        <translation>그사이 다른 사용자가 캠핑 사이트 %1을(를) 변경했습니다. 다시 불러온 뒤 변경하세요.</translation>
    </message>
    <message>
        <source>Someone else changed this campsite meanwhile. Reload it.</source>
        <translation>그사이 다른 사용자가 이 캠핑 사이트를 변경했습니다. 다시 불러오세요.</translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 still has %n upcoming reservation(s). Cancel or move them first.</source>
        <translation>
            <numerusform>캠핑 사이트 %1에 예정된 예약이 %n건 있습니다. 먼저 취소하거나 옮기세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>Campsite %1 is already retired.</source>
        <translation>캠핑 사이트 %1은(는) 이미 운영 종료되었습니다.</translation>
    </message>
</context>
<context>
    <name>CreateUserCommand</name>
    <message>
        <source>Role of the new user: manager or frontdesk.</source>
        <translation>새 사용자의 역할: manager 또는 frontdesk.</translation>
    </message>
    <message>
        <source>--role must be manager or frontdesk.</source>
        <translation>--role 은 manager 또는 frontdesk 여야 합니다.</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1의 비밀번호: </translation>
    </message>
    <message>
        <source>No password given on standard input.</source>
        <translation>표준 입력으로 비밀번호가 주어지지 않았습니다.</translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>비밀번호 확인: </translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>비밀번호가 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>Created %1 (%2) in %3.
</source>
        <translation>%3에 %1(%2) 사용자를 만들었습니다.
</translation>
    </message>
    <message>
        <source>Create a staff user (asks for the password, or reads it from stdin).</source>
        <translation>직원 계정을 만듭니다 (비밀번호를 묻거나 표준 입력에서 읽습니다).</translation>
    </message>
</context>
<context>
    <name>CustomerService</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Phone number is required.</source>
        <translation>전화번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Enter a Korean phone number, e.g. 010-1234-5678.</source>
        <translation>국내 전화번호를 입력하세요. 예: 010-1234-5678</translation>
    </message>
    <message>
        <source>This e-mail address does not look right.</source>
        <translation>이메일 주소가 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>Messages can be sent in Korean or English.</source>
        <translation>메시지는 한국어 또는 영어로 보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>이 고객은 더 이상 존재하지 않습니다.</translation>
    </message>
    <message>
        <source>Another customer already has this phone number.</source>
        <translation>다른 고객이 이미 이 전화번호를 사용하고 있습니다.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>No database is configured.</source>
        <translation>데이터베이스가 설정되지 않았습니다.</translation>
    </message>
    <message>
        <source>SQLite: %1</source>
        <translation>SQLite: %1</translation>
    </message>
    <message>
        <source>PostgreSQL: %1:%2/%3</source>
        <translation>PostgreSQL: %1:%2/%3</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>폴더 %1을(를) 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>The database file %1 is on a network share. SQLite cannot safely share a file over the network: keep the file on this computer, or use PostgreSQL when several computers share the data.</source>
        <translation>데이터베이스 파일 %1이(가) 네트워크 공유 폴더에 있습니다. SQLite 파일은 네트워크로 안전하게 공유할 수 없습니다. 파일을 이 컴퓨터에 두거나, 여러 컴퓨터가 데이터를 함께 쓸 때는 PostgreSQL을 사용하세요.</translation>
    </message>
    <message>
        <source>Cannot open the database file %1: %2</source>
        <translation>데이터베이스 파일 %1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The PostgreSQL address must look like postgresql://user:password@host:port/database.</source>
        <translation>PostgreSQL 주소는 postgresql://사용자:비밀번호@호스트:포트/데이터베이스 형식이어야 합니다.</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL server at %1:%2: %3</source>
        <translation>PostgreSQL 서버 %1:%2에 연결할 수 없습니다: %3</translation>
    </message>
    <message>
        <source>The database is busy or locked by another program. Please try again in a moment.</source>
        <translation>데이터베이스가 사용 중이거나 다른 프로그램이 잠갔습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The database file is damaged or is not a Campdesk database. Restore it from a backup.</source>
        <translation>데이터베이스 파일이 손상되었거나 Campdesk 데이터베이스가 아닙니다. 백업에서 복원하세요.</translation>
    </message>
    <message>
        <source>The connection to the database was lost. Please try again.</source>
        <translation>데이터베이스 연결이 끊어졌습니다. 다시 시도하세요.</translation>
    </message>
    <message>
        <source>This entry already exists.</source>
        <translation>이미 있는 항목입니다.</translation>
    </message>
    <message>
        <source>This entry is still in use by other records.</source>
        <translation>이 항목은 다른 기록에서 아직 사용 중입니다.</translation>
    </message>
    <message>
        <source>A value is outside the allowed range.</source>
        <translation>허용 범위를 벗어난 값이 있습니다.</translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation>데이터베이스 오류: %1</translation>
    </message>
    <message>
        <source>This database was written by a newer Campdesk (schema %1; this program knows up to %2). Install the newer Campdesk on this computer.</source>
        <translation>이 데이터베이스는 더 새로운 Campdesk로 기록되었습니다 (스키마 %1, 이 프로그램은 %2까지 지원). 이 컴퓨터에 새 Campdesk를 설치하세요.</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <source>Demo manager</source>
        <translation>데모 관리자</translation>
    </message>
    <message>
        <source>Demo front desk</source>
        <translation>데모 프런트</translation>
    </message>
</context>
<context>
    <name>UserService</name>
    <message>
        <source>This user does not exist.</source>
        <translation>존재하지 않는 사용자입니다.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed logins: this account is locked for %n more minute(s).</source>
        <translation>
            <numerusform>로그인 실패가 너무 많습니다. 이 계정은 %n분 동안 잠깁니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>사용자 이름 또는 비밀번호가 틀렸습니다.</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>사용자 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>A user name has 3 to 32 characters.</source>
        <translation>사용자 이름은 3자에서 32자 사이여야 합니다.</translation>
    </message>
    <message>
        <source>A user name starts with a letter and uses only the letters a-z, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>사용자 이름은 영문자로 시작하고 영문 소문자 a-z, 숫자, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;만 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>표시 이름</translation>
    </message>
    <message numerus="yes">
        <source>A password has at least %n characters.</source>
        <translation>
            <numerusform>비밀번호는 %n자 이상이어야 합니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A password has at most %n characters.</source>
        <translation>
            <numerusform>비밀번호는 %n자 이하여야 합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the user name.</source>
        <translation>비밀번호는 사용자 이름과 달라야 합니다.</translation>
    </message>
    <message>
        <source>A user is either a manager or front desk.</source>
        <translation>사용자 역할은 관리자 또는 프런트입니다.</translation>
    </message>
    <message>
        <source>A user named %1 already exists.</source>
        <translation>%1 사용자가 이미 있습니다.</translation>
    </message>
    <message>
        <source>At least one active manager must remain.</source>
        <translation>활성 관리자가 최소 한 명은 있어야 합니다.</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>자기 계정은 비활성화할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::Actor</name>
    <message>
        <source>Manager</source>
        <translation>관리자</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>프런트</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>키오스크</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템</translation>
    </message>
    <message>
        <source>Your role (%1) is not allowed to do this.</source>
        <translation>현재 역할(%1)로는 이 작업을 할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::Campsite</name>
    <message>
        <source>Tent site</source>
        <translation>텐트 사이트</translation>
    </message>
    <message>
        <source>Auto-camping</source>
        <translation>오토캠핑</translation>
    </message>
    <message>
        <source>Caravan</source>
        <translation>카라반</translation>
    </message>
    <message>
        <source>Glamping</source>
        <translation>글램핑</translation>
    </message>
    <message>
        <source>Cabin</source>
        <translation>통나무집</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>예약가능</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>정비 중</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>운영 종료</translation>
    </message>
</context>
<context>
    <name>campdesk::CampsiteEditorDialog</name>
    <message>
        <source> won</source>
        <extracomment>suffix of a price field in won, with its leading space</extracomment>
        <translation>원</translation>
    </message>
    <message>
        <source>New campsite</source>
        <translation>새 캠핑 사이트</translation>
    </message>
    <message>
        <source>Edit campsite %1</source>
        <translation>캠핑 사이트 %1 편집</translation>
    </message>
    <message>
        <source>e.g. A-07</source>
        <translation>예: A-07</translation>
    </message>
    <message>
        <source>Same as nightly</source>
        <translation>1박 요금과 같음</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. Power, Water, Wi-Fi</source>
        <translation>쉼표로 구분, 예: 전기, 수도, Wi-Fi</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>등록</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>코드(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>종류(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Zone:</source>
        <translation>구역(&amp;Z):</translation>
    </message>
    <message>
        <source>Max &amp;guests:</source>
        <translation>최대 인원(&amp;G):</translation>
    </message>
    <message>
        <source>N&amp;ightly price:</source>
        <translation>1박 요금(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Weekend price:</source>
        <translation>주말 요금(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Amenities:</source>
        <translation>편의시설(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>상태(&amp;S):</translation>
    </message>
</context>
<context>
    <name>campdesk::CampsiteTableModel</name>
    <message>
        <source>Code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>구역</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>Nightly</source>
        <translation>1박</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>주말</translation>
    </message>
    <message>
        <source>Amenities</source>
        <translation>편의시설</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>campdesk::CampsitesPage</name>
    <message>
        <source>&amp;New…</source>
        <translation>새로 만들기(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>편집(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>삭제(&amp;R)…</translation>
    </message>
    <message>
        <source>Delete a campsite without history, retire one with history</source>
        <translation>이력이 없는 사이트는 삭제하고, 이력이 있는 사이트는 운영 종료합니다</translation>
    </message>
    <message>
        <source>Filter by code, name, zone or kind</source>
        <translation>코드, 이름, 구역, 종류로 찾기</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Campsites</source>
        <translation>캠핑 사이트</translation>
    </message>
    <message>
        <source>campsites-%1.csv</source>
        <translation>캠핑사이트-%1.csv</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n campsite(s) shown</source>
        <translation>
            <numerusform>캠핑 사이트 %n곳 중 %1곳 표시</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit campsite</source>
        <translation>캠핑 사이트 편집</translation>
    </message>
    <message>
        <source>Remove campsite</source>
        <translation>캠핑 사이트 삭제</translation>
    </message>
    <message>
        <source>Remove campsite %1 (%2)?

A campsite that was never booked or reviewed is deleted. One with history is retired instead: it stays in reports but can no longer be booked.</source>
        <translation>캠핑 사이트 %1 (%2)을(를) 삭제할까요?

예약이나 리뷰가 한 번도 없던 사이트는 삭제됩니다. 이력이 있는 사이트는 대신 운영 종료되어 보고서에는 남지만 더 이상 예약할 수 없습니다.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Campsite %1 was deleted.</source>
        <translation>캠핑 사이트 %1을(를) 삭제했습니다.</translation>
    </message>
    <message>
        <source>Campsite %1 has bookings or reviews, so it was retired.</source>
        <translation>캠핑 사이트 %1은(는) 예약이나 리뷰 이력이 있어 운영 종료했습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::LoginDialog</name>
    <message>
        <source>Campdesk — Log in</source>
        <translation>Campdesk — 로그인</translation>
    </message>
    <message>
        <source>&lt;b&gt;Campdesk&lt;/b&gt;&lt;br&gt;Log in with your staff account.</source>
        <translation>&lt;b&gt;Campdesk&lt;/b&gt;&lt;br&gt;직원 계정으로 로그인하세요.</translation>
    </message>
    <message>
        <source>e.g. manager</source>
        <translation>예: manager</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>로그인</translation>
    </message>
</context>
<context>
    <name>campdesk::MainWindow</name>
    <message>
        <source>Campsites</source>
        <translation>캠핑 사이트</translation>
    </message>
    <message>
        <source>Campdesk</source>
        <translation>Campdesk</translation>
    </message>
    <message>
        <source>Logged in as %1 (%2)</source>
        <translation>로그인: %1 (%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>다음 페이지(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous page</source>
        <translation>이전 페이지(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Campdesk</source>
        <translation>Campdesk 정보(&amp;A)</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>%1(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>About Campdesk</source>
        <translation>Campdesk 정보</translation>
    </message>
    <message>
        <source>Campdesk %1
Campground reservations: admin, front desk and kiosk.

%2</source>
        <translation>Campdesk %1
캠핑장 예약: 관리자, 프런트, 키오스크.

%2</translation>
    </message>
</context>
<context>
    <name>campdesk::Money</name>
    <message>
        <source>₩%1</source>
        <extracomment>%1 is an amount with digit grouping; Korean puts 원 after it: &quot;%1원&quot;</extracomment>
        <translation>%1원</translation>
    </message>
</context>
<context>
    <name>campdesk::Validation</name>
    <message>
        <source>%1 is required.</source>
        <translation>%1을(를) 입력하세요.</translation>
    </message>
    <message>
        <source>%1 must be at least %2 characters.</source>
        <translation>%1은(는) %2자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>%1 can be at most %2 characters.</source>
        <translation>%1은(는) %2자까지 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 contains characters that cannot be used.</source>
        <translation>%1에 쓸 수 없는 문자가 있습니다.</translation>
    </message>
    <message>
        <source>%1 cannot be negative.</source>
        <translation>%1은(는) 음수일 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 must be more than 0 won.</source>
        <translation>%1은(는) 0원보다 커야 합니다.</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1이(가) 너무 큽니다.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Database to use: a SQLite file path or postgresql://user@host:port/db.</source>
        <translation>사용할 데이터베이스: SQLite 파일 경로 또는 postgresql://user@host:port/db.</translation>
    </message>
    <message>
        <source>This terminal&apos;s settings file.</source>
        <translation>이 단말기의 설정 파일.</translation>
    </message>
    <message>
        <source>Campground reservations: admin app, front desk and walk-in kiosk.</source>
        <translation>캠핑장 예약: 관리자 앱, 프런트, 현장 키오스크.</translation>
    </message>
    <message>
        <source>Run as the locked-down walk-in kiosk.</source>
        <translation>잠긴 현장 키오스크로 실행합니다.</translation>
    </message>
</context>
</TS>
