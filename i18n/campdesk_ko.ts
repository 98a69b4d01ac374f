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
    <message>
        <source>Settings file: %1</source>
        <translation>설정 파일: %1</translation>
    </message>
    <message>
        <source>The staff accounts could not be read: %1</source>
        <translation>직원 계정을 읽을 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>BalanceService</name>
    <message>
        <source>The kiosk takes the full amount; a deposit is for desk and phone bookings.</source>
        <translation>키오스크는 전액을 결제합니다. 예약금은 프런트와 전화 예약에만 적용됩니다.</translation>
    </message>
    <message>
        <source>Deposits are turned off in Settings: take the full amount.</source>
        <translation>설정에서 예약금이 꺼져 있습니다. 전액을 받으세요.</translation>
    </message>
    <message>
        <source>There is nothing to pay, so there is no deposit.</source>
        <translation>결제할 금액이 없어 예약금도 없습니다.</translation>
    </message>
    <message>
        <source>The deposit (%1 won) is more than the amount to pay (%2 won): take the full amount.</source>
        <translation>예약금(%1원)이 결제 금액(%2원)보다 많습니다. 전액을 받으세요.</translation>
    </message>
    <message>
        <source>The balance of booking %1 is already paid.</source>
        <translation>예약 %1의 잔금은 이미 결제되었습니다.</translation>
    </message>
    <message>
        <source>The balance payment of booking %1 is no longer waiting for its result.</source>
        <translation>예약 %1의 잔금 결제는 더 이상 결과를 기다리고 있지 않습니다.</translation>
    </message>
    <message>
        <source>Only a manager can check a guest in with the balance unpaid.</source>
        <translation>잔금이 남은 손님의 체크인은 관리자만 할 수 있습니다.</translation>
    </message>
    <message>
        <source>Booking %1 has a balance of %2 won due. Take it before checking the guest in (a manager may check in without it, giving a reason).</source>
        <translation>예약 %1에 잔금 %2원이 남아 있습니다. 체크인 전에 받으세요(관리자는 사유를 적고 잔금 없이 체크인할 수 있습니다).</translation>
    </message>
    <message>
        <source>This booking could not be found.</source>
        <translation>이 예약을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is already checked in.</source>
        <translation>예약 %1은 이미 체크인되었습니다.</translation>
    </message>
    <message>
        <source>Only a paid booking can be checked in (booking %1 is %2).</source>
        <translation>결제된 예약만 체크인할 수 있습니다(예약 %1: %2).</translation>
    </message>
    <message>
        <source>Booking %1 cannot be checked in today.</source>
        <translation>예약 %1은 오늘 체크인할 수 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is already being cancelled: its refund is in progress.</source>
        <translation>예약 %1은 이미 취소 중입니다. 환불이 진행 중입니다.</translation>
    </message>
    <message>
        <source>The balance of booking %1 is already being taken on another terminal.</source>
        <translation>예약 %1의 잔금을 다른 단말기에서 받고 있습니다.</translation>
    </message>
    <message>
        <source>Balance of booking %1</source>
        <translation>예약 %1 잔금</translation>
    </message>
    <message>
        <source>The balance payment could not be recorded.</source>
        <translation>잔금 결제를 기록할 수 없습니다.</translation>
    </message>
    <message>
        <source>Choose how the balance is paid.</source>
        <translation>잔금 결제 방법을 선택하세요.</translation>
    </message>
    <message>
        <source>An earlier balance payment through %1 is still unanswered; it cannot be checked from this terminal.</source>
        <translation>이전 잔금 결제(%1)의 응답이 아직 없습니다. 이 단말기에서는 확인할 수 없습니다.</translation>
    </message>
    <message>
        <source>An earlier balance payment is still unanswered by the payment service. Please try again shortly.</source>
        <translation>이전 잔금 결제에 결제 서비스가 아직 응답하지 않았습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The amount paid does not match the balance.</source>
        <translation>결제 금액이 잔금과 맞지 않습니다.</translation>
    </message>
    <message>
        <source>The balance payment was given back.</source>
        <translation>잔금 결제는 취소되어 돌려드렸습니다.</translation>
    </message>
    <message>
        <source>The balance payment could not be given back automatically; it is listed under payments that need attention.</source>
        <translation>잔금 결제를 자동으로 취소하지 못했습니다. 확인이 필요한 결제 목록에 있습니다.</translation>
    </message>
    <message>
        <source>Payments are busy right now. Take the balance in cash or try again shortly.</source>
        <translation>지금은 결제가 혼잡합니다. 잔금을 현금으로 받거나 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation>결제가 되지 않았습니다.</translation>
    </message>
    <message>
        <source>The balance is still due; the guest is not checked in.</source>
        <translation>잔금이 남아 있으며 손님은 체크인되지 않았습니다.</translation>
    </message>
    <message>
        <source>Give a reason for checking in with the balance unpaid.</source>
        <translation>잔금 없이 체크인하는 사유를 입력하세요.</translation>
    </message>
    <message>
        <source>This balance payment is already settled.</source>
        <translation>이 잔금 결제는 이미 처리되었습니다.</translation>
    </message>
    <message>
        <source>This balance payment could not be found.</source>
        <translation>이 잔금 결제를 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>The payment service did not answer, so it is not known whether the balance was taken. The payment is kept as pending and looked up with the payment service automatically; if it went through, it is recorded as paid. Do not take it again: try the check-in in a few minutes.</source>
        <translation>결제 서비스가 응답하지 않아 잔금이 결제되었는지 알 수 없습니다. 이 결제는 대기 상태로 남아 결제 서비스에서 자동으로 조회되고, 결제되었다면 결제 완료로 기록됩니다. 다시 결제받지 말고 몇 분 뒤에 체크인을 다시 해 주세요.</translation>
    </message>
    <message>
        <source>Booking %1 is %2: it has no balance to take.</source>
        <translation>예약 %1(%2): 받을 잔금이 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is %2: it no longer owes a balance.</source>
        <translation>예약 %1(%2): 더 이상 받을 잔금이 없습니다.</translation>
    </message>
    <message>
        <source>The payment service did not answer, so it is not known whether the balance was taken. The payment is kept as pending and looked up with the payment service automatically; if it went through, it is recorded as paid. Do not take it again: look at the booking again in a few minutes.</source>
        <translation>결제 서비스가 응답하지 않아 잔금이 결제되었는지 알 수 없습니다. 이 결제는 대기 상태로 남아 결제 서비스에서 자동으로 조회되고, 결제되었다면 결제 완료로 기록됩니다. 다시 결제받지 말고 몇 분 뒤에 예약을 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>The balance is still due.</source>
        <translation>잔금이 아직 남아 있습니다.</translation>
    </message>
</context>
<context>
    <name>BookingService</name>
    <message>
        <source>This booking could not be found.</source>
        <translation>예약을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Campsite %1 is closed for maintenance.</source>
        <translation>%1 캠핑사이트는 정비 중입니다.</translation>
    </message>
    <message>
        <source>Campsite %1 is no longer offered.</source>
        <translation>%1 캠핑사이트는 더 이상 운영하지 않습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 takes at most %n guest(s).</source>
        <translation>
            <numerusform>%1 캠핑사이트는 최대 %n명까지 이용할 수 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can use at most %1 points (your balance).</source>
        <translation>최대 %1점까지 사용할 수 있습니다(보유 마일리지).</translation>
    </message>
    <message>
        <source>You can use at most %1 points (the price).</source>
        <translation>최대 %1점까지 사용할 수 있습니다(결제 금액).</translation>
    </message>
    <message>
        <source>Sorry, this site was just taken for these dates.</source>
        <translation>죄송합니다. 이 날짜에 방금 다른 분이 이 사이트를 예약했습니다.</translation>
    </message>
    <message>
        <source>No other site is free for these dates.</source>
        <translation>이 날짜에 예약 가능한 다른 사이트가 없습니다.</translation>
    </message>
    <message>
        <source>Free for the same dates: %1.</source>
        <translation>같은 날짜에 예약 가능한 사이트: %1.</translation>
    </message>
    <message>
        <source>Choose the check-in and check-out dates.</source>
        <translation>체크인과 체크아웃 날짜를 선택하세요.</translation>
    </message>
    <message>
        <source>Check-out cannot be before check-in.</source>
        <translation>체크아웃은 체크인보다 빠를 수 없습니다.</translation>
    </message>
    <message>
        <source>Check-out must be at least one night after check-in.</source>
        <translation>체크아웃은 체크인 다음 날 이후여야 합니다.</translation>
    </message>
    <message numerus="yes">
        <source>A booking can be at most %n night(s).</source>
        <translation>
            <numerusform>한 번에 최대 %n박까지 예약할 수 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check-in cannot be in the past.</source>
        <translation>지난 날짜에는 체크인할 수 없습니다.</translation>
    </message>
    <message>
        <source>A booking needs at least one guest.</source>
        <translation>인원은 1명 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>Choose a campsite.</source>
        <translation>캠핑사이트를 선택하세요.</translation>
    </message>
    <message>
        <source>Points to use cannot be negative.</source>
        <translation>사용할 마일리지는 음수일 수 없습니다.</translation>
    </message>
    <message>
        <source>This campsite does not exist.</source>
        <translation>존재하지 않는 캠핑사이트입니다.</translation>
    </message>
    <message>
        <source>Booking %1 is already paid.</source>
        <translation>%1 예약은 이미 결제되었습니다.</translation>
    </message>
    <message>
        <source>The hold on this site ran out. Please start the booking again.</source>
        <translation>사이트 임시 확보 시간이 지났습니다. 예약을 다시 시작해 주세요.</translation>
    </message>
    <message>
        <source>A payment for booking %1 is already in progress. Please wait for its result.</source>
        <translation>예약 %1의 결제가 이미 진행 중입니다. 결과를 기다려 주세요.</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2, %n night(s)</source>
        <translation>
            <numerusform>%1 %2, %n박</numerusform>
        </translation>
    </message>
    <message>
        <source>Booking %1 is no longer waiting for its payment.</source>
        <translation>%1 예약은 더 이상 결제를 기다리고 있지 않습니다.</translation>
    </message>
    <message>
        <source>The amount paid does not match the booking.</source>
        <translation>결제 금액이 예약 금액과 다릅니다.</translation>
    </message>
    <message>
        <source>The points for this booking are no longer available.</source>
        <translation>이 예약에 사용할 마일리지가 더 이상 남아 있지 않습니다.</translation>
    </message>
    <message>
        <source>The payment went through but the booking could not be saved, and the payment could not be cancelled automatically. Please show booking %1 to the front desk for a refund.</source>
        <translation>결제는 되었지만 예약을 저장하지 못했고, 결제도 자동으로 취소하지 못했습니다. 환불을 위해 프런트에 예약 번호를 알려 주세요: %1</translation>
    </message>
    <message>
        <source>The booking could not be saved (%1), so the payment was cancelled and nothing was charged. Please try again.</source>
        <translation>예약을 저장하지 못해(%1) 결제를 취소했으며 청구된 금액은 없습니다. 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>The payment result is pending: the card company did not answer in time. Do not pay again; the site stays held while we check, and booking %1 is confirmed automatically if the payment went through.</source>
        <translation>결제 결과를 확인하는 중입니다. 카드사가 제때 응답하지 않았습니다. 다시 결제하지 마세요. 확인하는 동안 사이트는 확보되어 있으며, 결제가 되었다면 %1 예약은 자동으로 확정됩니다.</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again in a little while, or pay at the front desk.</source>
        <translation>지금은 결제가 혼잡합니다. 잠시 후 다시 시도하시거나 프런트에서 결제해 주세요.</translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation>결제가 완료되지 않았습니다.</translation>
    </message>
    <message>
        <source>Nothing was charged and no booking was made.</source>
        <translation>청구된 금액은 없으며 예약도 되지 않았습니다.</translation>
    </message>
    <message>
        <source>This booking&apos;s payment is still being checked; it cannot be abandoned now.</source>
        <translation>이 예약의 결제를 아직 확인하는 중이라 지금은 취소할 수 없습니다.</translation>
    </message>
    <message>
        <source>Enter the phone number you booked with.</source>
        <translation>예약할 때 입력한 전화번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Booking %1 is already cancelled.</source>
        <translation>%1 예약은 이미 취소되었습니다.</translation>
    </message>
    <message>
        <source>Booking %1 cannot be cancelled after check-in.</source>
        <translation>%1 예약은 체크인 후에는 취소할 수 없습니다.</translation>
    </message>
    <message>
        <source>The refund must be between 0 and %1 won.</source>
        <translation>환불 금액은 0원에서 %1원 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>환불 금액을 바꾸는 사유를 입력하세요.</translation>
    </message>
    <message>
        <source>Booking %1 has no approved payment to refund.</source>
        <translation>예약 %1에는 환불할 승인된 결제가 없습니다.</translation>
    </message>
    <message>
        <source>This booking was paid through %1, which this terminal cannot refund. Cancel it at the front desk.</source>
        <translation>이 예약의 결제 수단(%1)은 이 단말기에서 환불할 수 없습니다. 프런트에서 취소해 주세요.</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again shortly.</source>
        <translation>지금은 결제가 혼잡합니다. 잠시 후 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>The refund did not go through (%1). The booking is unchanged; please try again.</source>
        <translation>환불이 처리되지 않았습니다(%1). 예약은 그대로이니 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>There is no payment with order number %1.</source>
        <translation>주문번호 %1의 결제가 없습니다.</translation>
    </message>
    <message>
        <source>This payment is still waiting for its result.</source>
        <translation>이 결제는 아직 결과를 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>This terminal cannot reach the payment provider %1.</source>
        <translation>이 단말기에서는 결제 수단 %1에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <source>Only a paid booking can be checked in (booking %1 is %2).</source>
        <translation>결제된 예약만 체크인할 수 있습니다(예약 %1: %2).</translation>
    </message>
    <message>
        <source>Booking %1 can be checked in from %2.</source>
        <translation>%1 예약은 %2부터 체크인할 수 있습니다.</translation>
    </message>
    <message>
        <source>The stay of booking %1 has already ended.</source>
        <translation>예약 %1의 숙박 기간이 이미 끝났습니다.</translation>
    </message>
    <message>
        <source>Only a checked-in guest can check out (booking %1 is %2).</source>
        <translation>체크인한 손님만 체크아웃할 수 있습니다(예약 %1: %2).</translation>
    </message>
    <message>
        <source>Booking %1 is already confirmed.</source>
        <translation>%1 예약은 이미 결제되었습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is already checked in.</source>
        <translation>%1 예약은 이미 체크인되었습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is already checked out.</source>
        <translation>%1 예약은 이미 체크아웃되었습니다.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>%1 예약이 다른 단말기에서 변경되었습니다. 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>No booking was made.</source>
        <translation>예약은 되지 않았습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is already being cancelled: its refund is in progress.</source>
        <translation>이미 취소 중인 예약입니다(%1): 환불이 진행 중입니다.</translation>
    </message>
    <message>
        <source>The refund&apos;s result is not known (%1). Booking %2 stays as it is while it is checked with the payment service; it is cancelled automatically if the refund went through.</source>
        <translation>환불 결과를 아직 알 수 없습니다(%1). 결제 서비스에 확인하는 동안 예약(%2)은 그대로 유지되며, 환불이 처리되었으면 자동으로 취소됩니다.</translation>
    </message>
    <message>
        <source>This site is closed on some of these dates (%1).</source>
        <translation>이 사이트는 이 날짜 중 일부에 예약을 받지 않습니다(%1).</translation>
    </message>
    <message>
        <source>At least one guest is an adult: children are fewer than the guests.</source>
        <translation>성인이 한 명 이상 있어야 합니다. 어린이 수는 인원보다 적어야 합니다.</translation>
    </message>
    <message>
        <source>Vehicles must be between 0 and 10.</source>
        <translation>차량은 0대에서 10대까지입니다.</translation>
    </message>
    <message>
        <source>Nothing was charged.</source>
        <translation>청구된 금액은 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal, so its refund was not worked out from what it is now; please look at it again.</source>
        <translation>다른 단말기에서 예약을 변경해서 환불 금액을 지금 예약 기준으로 다시 계산해야 합니다(예약 %1). 예약을 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>A payment for booking %1 is in progress on another terminal; please look at the booking again in a moment.</source>
        <translation>예약 %1의 결제가 다른 단말기에서 진행 중입니다. 잠시 뒤에 예약을 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>This refund is already recorded.</source>
        <translation>이 환불은 이미 기록되어 있습니다.</translation>
    </message>
    <message>
        <source>Part of the refund was given back, but %1 won did not go through (%2). Booking %3 stays as it is until that part is refunded: it is tried again automatically and listed under payments that need attention.</source>
        <translation>환불 일부는 돌려드렸지만 %1원은 처리되지 않았습니다(%2). 그 금액이 환불될 때까지 예약 %3은 그대로 유지됩니다. 자동으로 다시 시도하며, 확인이 필요한 결제 목록에 표시됩니다.</translation>
    </message>
    <message>
        <source>The refund of booking %1 is being finished with the payment service.</source>
        <translation>예약 %1의 환불을 결제 서비스와 마무리하는 중입니다.</translation>
    </message>
    <message>
        <source>A payment of this booking has not been refunded yet.</source>
        <translation>이 예약의 결제 중 아직 환불되지 않은 것이 있습니다.</translation>
    </message>
    <message>
        <source>Give back %1 won on the desk&apos;s card machine.</source>
        <translation>프런트 카드 단말기로 %1원을 돌려주세요.</translation>
    </message>
    <message>
        <source>Give the guest %1 won back in cash.</source>
        <translation>손님께 현금으로 %1원을 돌려주세요.</translation>
    </message>
</context>
<context>
    <name>BreakerGateway</name>
    <message numerus="yes">
        <source>Payments are busy right now. Please try again in %n seconds, or pay at the front desk.</source>
        <translation>
            <numerusform>지금은 결제가 혼잡합니다. %n초 후에 다시 시도하시거나 프런트에서 결제해 주세요.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampgroundSettings</name>
    <message>
        <source>Campground name</source>
        <translation>캠핑장 이름</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>A business registration number has ten digits, e.g. 123-45-67890.</source>
        <translation>사업자등록번호는 숫자 10자리입니다. 예: 123-45-67890</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Choose A5 or an 80 mm roll for receipts.</source>
        <translation>영수증 용지는 A5 또는 80mm 롤 중에서 고르세요.</translation>
    </message>
    <message>
        <source>The highest nightly price must be between 1,000 and 1,000,000,000 won.</source>
        <translation>1박 최고 요금은 1,000원에서 1,000,000,000원 사이여야 합니다.</translation>
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
        <translation>그사이 다른 사용자가 %1 캠핑 사이트를 변경했습니다. 다시 불러온 뒤 변경하세요.</translation>
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
        <translation>%1 캠핑 사이트는 이미 운영 종료되었습니다.</translation>
    </message>
    <message>
        <source>At most %1 won per night (Settings).</source>
        <translation>1박에 최대 %1원까지 입력할 수 있습니다(설정).</translation>
    </message>
    <message>
        <source>The longest RV or caravan must be between %1 and %2, or no limit.</source>
        <translation>최대 캠핑카·카라반 길이는 %1에서 %2 사이이거나 제한 없음이어야 합니다.</translation>
    </message>
</context>
<context>
    <name>CreateKioskRoleCommand</name>
    <message>
        <source>&quot;%1&quot; is not a role name: use lower-case letters, digits and _ (at most 63).</source>
        <translation>역할 이름으로 쓸 수 없습니다: &quot;%1&quot;. 영문 소문자, 숫자, _만 63자까지 쓰세요.</translation>
    </message>
    <message>
        <source>Password for %1 (at least 12 characters): </source>
        <translation>%1 역할의 비밀번호(12자 이상): </translation>
    </message>
    <message>
        <source>No password given on standard input.</source>
        <translation>표준 입력으로 받은 비밀번호가 없습니다.</translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>비밀번호 다시 입력: </translation>
    </message>
    <message>
        <source>The passwords do not match; nothing was changed.</source>
        <translation>두 비밀번호가 다릅니다. 아무것도 바꾸지 않았습니다.</translation>
    </message>
    <message>
        <source>The kiosk role %1 is ready in %2. On the kiosk, put %1 in database/spec and store the password with --set-secret database-password.
</source>
        <translation>키오스크 역할 %1 준비 완료: %2. 키오스크의 database/spec에 %1 역할을 넣고, 비밀번호는 --set-secret database-password로 저장하세요.
</translation>
    </message>
    <message>
        <source>Create the PostgreSQL role a kiosk connects with, allowed only the kiosk&apos;s booking flow (asks for its password, or reads it from stdin). Run again after an upgrade.</source>
        <translation>키오스크가 접속할 PostgreSQL 역할을 만듭니다. 키오스크 예약 흐름에 필요한 권한만 줍니다(비밀번호를 묻거나 표준 입력에서 읽음). 업그레이드 후 다시 실행하세요.</translation>
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
    <message>
        <source>Notes</source>
        <translation>메모</translation>
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
        <translation>폴더를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>The database file %1 is on a network share. SQLite cannot safely share a file over the network: keep the file on this computer, or use PostgreSQL when several computers share the data.</source>
        <translation>데이터베이스 파일이 네트워크 공유 폴더에 있습니다: %1. SQLite 파일은 네트워크로 안전하게 공유할 수 없습니다. 파일을 이 컴퓨터에 두거나, 여러 컴퓨터가 데이터를 함께 쓸 때는 PostgreSQL을 사용하세요.</translation>
    </message>
    <message>
        <source>Cannot open the database file %1: %2</source>
        <translation>데이터베이스 파일을 열 수 없습니다: %1: %2</translation>
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
    <message>
        <source>Cannot create the database file %1: %2</source>
        <translation>데이터베이스 파일을 만들 수 없습니다: %1 (%2)</translation>
    </message>
    <message>
        <source>The PostgreSQL connection escapes text in a way Campdesk does not expect (standard_conforming_strings). Ask the administrator.</source>
        <translation>PostgreSQL 연결이 Campdesk가 예상하지 않은 방식으로 문자열을 이스케이프합니다(standard_conforming_strings). 관리자에게 문의하세요.</translation>
    </message>
    <message>
        <source>A value contains a character that cannot be stored (NUL).</source>
        <translation>저장할 수 없는 문자(NUL)가 들어 있는 값이 있습니다.</translation>
    </message>
    <message>
        <source>The database is in use; try again in a moment.</source>
        <translation>데이터베이스를 사용하는 중입니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The database file %1 is missing.</source>
        <translation>데이터베이스 파일이 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>DaySheetPrinter</name>
    <message>
        <source>Nothing on this day.</source>
        <translation>이 날에는 없습니다.</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>%1 인쇄</translation>
    </message>
</context>
<context>
    <name>DaySheetQuery</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Choose a date.</source>
        <translation>날짜를 고르세요.</translation>
    </message>
    <message>
        <source>Payment reconciler</source>
        <translation>결제 대사(자동)</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>시스템 (%1)</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>키오스크</translation>
    </message>
    <message>
        <source>Front desk (no user)</source>
        <translation>프런트 (사용자 없음)</translation>
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
    <message>
        <source>Change of plans</source>
        <translation>일정 변경</translation>
    </message>
</context>
<context>
    <name>DepositSettings</name>
    <message>
        <source>A deposit must be between 1% and 100%.</source>
        <translation>예약금은 1%에서 100% 사이여야 합니다.</translation>
    </message>
    <message>
        <source>A fixed deposit must be between 1 and %1 won.</source>
        <translation>고정 예약금은 1원에서 %1원 사이여야 합니다.</translation>
    </message>
</context>
<context>
    <name>DeskPayment</name>
    <message>
        <source>Front desk (cash or the desk&apos;s card machine)</source>
        <translation>프런트 결제(현금 또는 프런트 카드 단말기)</translation>
    </message>
    <message>
        <source>At the front desk, choose cash or the desk&apos;s card machine.</source>
        <translation>프런트에서 현금 또는 카드 단말기를 선택하세요.</translation>
    </message>
    <message>
        <source>Desk payments are recorded in Campdesk only.</source>
        <translation>프런트 결제는 Campdesk에만 기록됩니다.</translation>
    </message>
</context>
<context>
    <name>EarlyDeparture</name>
    <message>
        <source>The guest leaves on the last day: there are no unused nights to refund.</source>
        <translation>마지막 날에 떠나는 손님이라 환불할 남은 숙박이 없습니다.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>환불 금액을 바꾸는 이유를 적어 주세요.</translation>
    </message>
    <message>
        <source>The payments of booking %1 hold %2 won that can be given back now; a refund of %3 won is more than that. Give back at most %2 won, or ask a manager.</source>
        <translation>예약 %1의 결제에서 지금 돌려줄 수 있는 금액은 %2원입니다. 환불 %3원은 이보다 많습니다. %2원 이하로 돌려주거나 관리자에게 문의해 주세요.</translation>
    </message>
    <message>
        <source>Booking %1 was paid through %2, which this terminal cannot refund. Check the guest out at the front desk.</source>
        <translation>예약 %1은 결제 서비스(%2)로 결제되었는데, 이 단말기에서는 환불할 수 없습니다. 프런트에서 체크아웃해 주세요.</translation>
    </message>
    <message>
        <source>Choose how the refund is given back: cash or the desk&apos;s card machine.</source>
        <translation>환불 방법을 고르세요. 현금 또는 프런트 카드 단말기입니다.</translation>
    </message>
    <message>
        <source>A payment for booking %1 is in progress on another terminal; please look at the booking again in a moment.</source>
        <translation>다른 단말기에서 예약 %1의 결제가 진행 중입니다. 잠시 후 예약을 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>다른 단말기에서 예약 %1이 변경되었습니다. 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>Booking %1 has a refund in progress; check the guest out once that is done.</source>
        <translation>예약 %1의 환불이 진행 중입니다. 환불이 끝난 뒤 체크아웃해 주세요.</translation>
    </message>
    <message>
        <source>The refund must be between 0 and %1 won (what the unused nights cost).</source>
        <translation>환불 금액은 0원부터 %1원(남은 숙박의 금액)까지입니다.</translation>
    </message>
</context>
<context>
    <name>ExtrasService</name>
    <message>
        <source>per stay</source>
        <translation>숙박당</translation>
    </message>
    <message>
        <source>per night</source>
        <translation>1박당</translation>
    </message>
    <message>
        <source>per unit</source>
        <translation>개당</translation>
    </message>
    <message>
        <source>Give the extra a name.</source>
        <translation>추가 상품 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>A name is at most %1 characters.</source>
        <translation>이름은 %1자까지입니다.</translation>
    </message>
    <message>
        <source>Choose per stay, per night or per unit.</source>
        <translation>숙박당, 1박당, 개당 중에서 고르세요.</translation>
    </message>
    <message>
        <source>Stock is between 0 and %1 (empty: unlimited).</source>
        <translation>재고는 0에서 %1 사이입니다(비우면 무제한).</translation>
    </message>
    <message>
        <source>This extra no longer exists.</source>
        <translation>이 추가 상품은 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>This extra is not on the booking.</source>
        <translation>이 추가 상품은 예약에 없습니다.</translation>
    </message>
    <message>
        <source>The booking is no longer confirmed: its extras cannot be marked consumed.</source>
        <translation>예약이 더 이상 확정 상태가 아니어서 추가 상품을 사용함으로 표시할 수 없습니다.</translation>
    </message>
    <message>
        <source>Choose between 1 and %1 of an extra.</source>
        <translation>추가 상품은 1개에서 %1개까지 고를 수 있습니다.</translation>
    </message>
    <message>
        <source>Each extra is chosen once, with its quantity.</source>
        <translation>추가 상품은 한 번만, 수량과 함께 고르세요.</translation>
    </message>
    <message>
        <source>This extra does not exist.</source>
        <translation>없는 추가 상품입니다.</translation>
    </message>
    <message>
        <source>%1 is not offered now.</source>
        <translation>지금 판매하지 않는 품목입니다: %1</translation>
    </message>
    <message>
        <source>Sorry, %1 just sold out.</source>
        <translation>죄송합니다. 방금 품절되었습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sorry, only %n of %1 left.</source>
        <translation>
            <numerusform>죄송합니다. %1: %n개만 남았습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupBookingService</name>
    <message>
        <source>Site %1 of the group: %2</source>
        <translation>단체 예약 %1번째 사이트: %2</translation>
    </message>
    <message>
        <source>Add at least one site to the group.</source>
        <translation>단체 예약에 사이트를 하나 이상 추가하세요.</translation>
    </message>
    <message numerus="yes">
        <source>A group can book at most %n site(s).</source>
        <translation>
            <numerusform>단체 예약은 사이트 최대 %n곳까지 할 수 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sites %1 and %2 of the group are the same site on the same nights.</source>
        <translation>단체 예약의 %1번째와 %2번째가 같은 날짜의 같은 사이트입니다.</translation>
    </message>
    <message>
        <source>Site %1 is not free for %2 – %3, so nothing was held.</source>
        <translation>%1 사이트는 %2 – %3에 예약할 수 없어 아무것도 잡아 두지 않았습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Group %1, %n site(s)</source>
        <translation>
            <numerusform>단체 %1, 사이트 %n곳</numerusform>
        </translation>
    </message>
    <message>
        <source>The card company did not answer, and the payment could not be cancelled. No site was booked; staff will check group %1 with the card company.</source>
        <translation>카드사가 응답하지 않았고 결제를 취소하지 못했습니다. 예약된 사이트는 없습니다. 직원이 카드사에 단체 예약 %1을(를) 확인합니다.</translation>
    </message>
    <message>
        <source>The amount paid does not match the group booking.</source>
        <translation>결제 금액이 단체 예약 금액과 맞지 않습니다.</translation>
    </message>
    <message>
        <source>The payment went through but the group booking could not be saved, and the payment could not be cancelled automatically. Please ask the payment service to refund group %1.</source>
        <translation>결제는 되었지만 단체 예약을 저장하지 못했고 결제도 자동으로 취소하지 못했습니다. 결제 서비스에 단체 예약 %1의 환불을 요청해 주세요.</translation>
    </message>
    <message>
        <source>The group booking could not be saved (%1), so the payment was cancelled and nothing was charged.</source>
        <translation>단체 예약을 저장하지 못해(%1) 결제를 취소했으며 청구된 금액은 없습니다.</translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation>결제가 완료되지 않았습니다.</translation>
    </message>
    <message>
        <source>Nothing was charged and no site was booked.</source>
        <translation>청구된 금액은 없으며 예약된 사이트도 없습니다.</translation>
    </message>
    <message>
        <source>This group booking could not be found.</source>
        <translation>단체 예약을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>This booking is not part of a group.</source>
        <translation>이 예약은 단체 예약에 속하지 않습니다.</translation>
    </message>
    <message>
        <source>Booking %1 has no approved payment to refund.</source>
        <translation>예약 %1에는 환불할 승인된 결제가 없습니다.</translation>
    </message>
    <message>
        <source>Group %1 has no booking left to cancel.</source>
        <translation>단체 예약 %1에는 취소할 예약이 남아 있지 않습니다.</translation>
    </message>
    <message>
        <source>This terminal cannot reach the payment provider %1.</source>
        <translation>이 단말기에서는 결제 서비스 %1에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <source>Move the group&apos;s dates or change its number of nights.</source>
        <translation>단체 예약의 날짜를 옮기거나 숙박 일수를 바꾸세요.</translation>
    </message>
    <message>
        <source>Group %1 has no booking left to change.</source>
        <translation>단체 예약 %1에는 변경할 예약이 남아 있지 않습니다.</translation>
    </message>
    <message>
        <source>Site %1 (booking %2): %3</source>
        <translation>%1 사이트(예약 %2): %3</translation>
    </message>
    <message>
        <source>Group %1 was changed on another terminal (booking %2); please look at it again.</source>
        <translation>다른 단말기에서 단체 예약을 변경했습니다(단체 %1, 예약 %2). 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>This site was paid by card through the payment service, so its price cannot change with the group; change it on its own.</source>
        <translation>이 사이트는 결제 서비스를 통해 카드로 결제되어 단체와 함께 요금을 바꿀 수 없습니다. 이 사이트만 따로 변경하세요.</translation>
    </message>
</context>
<context>
    <name>GuestDetails</name>
    <message>
        <source>Tent</source>
        <translation>텐트</translation>
    </message>
    <message>
        <source>RV (motorhome)</source>
        <translation>캠핑카(모터홈)</translation>
    </message>
    <message>
        <source>Caravan</source>
        <translation>카라반</translation>
    </message>
    <message>
        <source>Trailer</source>
        <translation>트레일러</translation>
    </message>
    <message>
        <source>Car camping</source>
        <translation>차박</translation>
    </message>
    <message>
        <source>No equipment</source>
        <translation>장비 없음</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>Guest name</source>
        <translation>투숙객 이름</translation>
    </message>
    <message>
        <source>At most %1 vehicles per stay.</source>
        <translation>한 예약에 차량은 %1대까지입니다.</translation>
    </message>
    <message>
        <source>Enter a Korean plate such as 12가3456 or 123가4567; write a foreign or temporary plate in the notes.</source>
        <translation>12가3456 또는 123가4567 같은 국내 번호판을 입력하세요. 외국·임시 번호판은 메모에 적어 주세요.</translation>
    </message>
    <message>
        <source>This plate is already listed.</source>
        <translation>이미 입력한 번호판입니다.</translation>
    </message>
    <message>
        <source>Choose the equipment from the list.</source>
        <translation>목록에서 장비를 고르세요.</translation>
    </message>
    <message>
        <source>A length is only for an RV, a caravan or a trailer.</source>
        <translation>길이는 캠핑카, 카라반, 트레일러에만 적습니다.</translation>
    </message>
    <message>
        <source>The length must be between %1 and %2 m.</source>
        <translation>길이는 %1~%2 m 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>GuestDetailsService</name>
    <message>
        <source>This site takes equipment up to %1.</source>
        <translation>이 사이트는 %1까지의 장비만 들어갈 수 있습니다.</translation>
    </message>
    <message>
        <source>This booking no longer exists.</source>
        <translation>이 예약은 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>Only staff may write notes on a booking.</source>
        <translation>예약 메모는 직원만 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>Guest details can be given at the kiosk only while booking.</source>
        <translation>키오스크에서는 예약하는 동안에만 투숙객 정보를 입력할 수 있습니다.</translation>
    </message>
    <message>
        <source>This booking attempt has expired.</source>
        <translation>이 예약 시도는 만료되었습니다.</translation>
    </message>
</context>
<context>
    <name>HttpPaymentGateway</name>
    <message numerus="yes">
        <source>The payment service is busy. Please try again in %n seconds, or pay at the front desk.</source>
        <translation>
            <numerusform>결제 서비스가 혼잡합니다. %n초 후에 다시 시도하시거나 프런트에서 결제해 주세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>The payment service did not answer in time.</source>
        <translation>결제 서비스가 제시간에 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>Cannot reach the payment service (%1).</source>
        <translation>결제 서비스에 연결할 수 없습니다(%1).</translation>
    </message>
    <message>
        <source>The connection to the payment service broke off.</source>
        <translation>결제 서비스와의 연결이 끊어졌습니다.</translation>
    </message>
    <message>
        <source>The payment service refused Campdesk&apos;s secret key. Ask the manager to check the payment settings.</source>
        <translation>결제 서비스가 Campdesk의 시크릿 키를 거부했습니다. 관리자에게 결제 설정을 확인해 달라고 요청해 주세요.</translation>
    </message>
    <message>
        <source>The payment service had an internal error (HTTP %1).</source>
        <translation>결제 서비스에 내부 오류가 발생했습니다(HTTP %1).</translation>
    </message>
    <message>
        <source>The payment service sent an answer Campdesk cannot read (HTTP %1).</source>
        <translation>결제 서비스가 Campdesk가 읽을 수 없는 응답을 보냈습니다(HTTP %1).</translation>
    </message>
    <message>
        <source>The card was declined. Please use another card or pay at the front desk.</source>
        <translation>카드 결제가 거절되었습니다. 다른 카드를 사용하시거나 프런트에서 결제해 주세요.</translation>
    </message>
    <message>
        <source>The card&apos;s limit or balance is not enough for this payment. Please use another card or pay at the front desk.</source>
        <translation>카드 한도 또는 잔액이 부족합니다. 다른 카드를 사용하시거나 프런트에서 결제해 주세요.</translation>
    </message>
    <message>
        <source>The card details are not valid. Please use another card or pay at the front desk.</source>
        <translation>카드 정보가 올바르지 않습니다. 다른 카드를 사용하시거나 프런트에서 결제해 주세요.</translation>
    </message>
    <message>
        <source>The payment was declined (%1). Please use another card or pay at the front desk.</source>
        <translation>결제가 거절되었습니다(%1). 다른 카드를 사용하시거나 프런트에서 결제해 주세요.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>사유 없음</translation>
    </message>
    <message>
        <source>Card payment (online payment service)</source>
        <translation>카드 결제(온라인 결제 서비스)</translation>
    </message>
    <message>
        <source>The payment has no order number or no amount.</source>
        <translation>결제에 주문번호나 금액이 없습니다.</translation>
    </message>
    <message>
        <source>Your booking is held while Campdesk checks whether the payment went through.</source>
        <translation>결제가 완료되었는지 확인하는 동안 예약을 잡아 두겠습니다.</translation>
    </message>
    <message>
        <source>Nothing was charged. Please try again or pay at the front desk.</source>
        <translation>결제된 금액은 없습니다. 다시 시도하시거나 프런트에서 결제해 주세요.</translation>
    </message>
    <message>
        <source>The payment is still being processed. Your booking is held while Campdesk checks whether the payment went through.</source>
        <translation>결제가 아직 처리 중입니다. 결제가 완료되었는지 확인하는 동안 예약을 잡아 두겠습니다.</translation>
    </message>
    <message>
        <source>The payment service reported %1 won instead of %2 won.</source>
        <translation>결제 서비스가 %2원이 아닌 %1원으로 승인했습니다.</translation>
    </message>
    <message>
        <source>The payment was cancelled; please try again or pay at the front desk.</source>
        <translation>해당 결제는 취소되었습니다. 다시 시도하시거나 프런트에서 결제해 주세요.</translation>
    </message>
    <message>
        <source>The payment could not be cancelled automatically: staff will refund it.</source>
        <translation>결제를 자동으로 취소하지 못했습니다. 직원이 환불해 드립니다.</translation>
    </message>
    <message>
        <source>A refund cannot be negative.</source>
        <translation>환불 금액은 0보다 작을 수 없습니다.</translation>
    </message>
    <message>
        <source>The refund did not go through; Campdesk will try again.</source>
        <translation>환불이 처리되지 않았습니다. Campdesk가 다시 시도합니다.</translation>
    </message>
    <message>
        <source>The payment service does not know this payment.</source>
        <translation>결제 서비스에 이 결제 정보가 없습니다.</translation>
    </message>
    <message>
        <source>The payment service refused the refund (%1).</source>
        <translation>결제 서비스가 환불을 거절했습니다(%1).</translation>
    </message>
    <message>
        <source>The payment has no order number.</source>
        <translation>결제에 주문번호가 없습니다.</translation>
    </message>
    <message>
        <source>The payment service has no payment for this order.</source>
        <translation>결제 서비스에 이 주문의 결제 내역이 없습니다.</translation>
    </message>
    <message>
        <source>The payment was cancelled at the payment service.</source>
        <translation>결제 서비스에서 결제가 취소되었습니다.</translation>
    </message>
    <message>
        <source>The payment was never completed at the payment service.</source>
        <translation>결제 서비스에서 결제가 완료되지 않았습니다.</translation>
    </message>
    <message>
        <source>The payment is still being processed.</source>
        <translation>결제가 아직 처리 중입니다.</translation>
    </message>
</context>
<context>
    <name>ImageFileChooser</name>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)</source>
        <translation>사진 (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>%1 파일을 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The file is %1 MB; at most %2 MB can be used.</source>
        <translation>파일이 %1MB입니다. 최대 %2MB까지 사용할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>InvariantsChecker</name>
    <message>
        <source>Campsite %1 is booked twice: reservations %2 and %3 overlap.</source>
        <translation>%1 사이트가 중복 예약되었습니다. 겹치는 예약: %2, %3</translation>
    </message>
    <message>
        <source>Reservation %1 (%2) holds a night row it should not: %3.</source>
        <translation>예약 %1(%2)에 있으면 안 되는 숙박일 행이 있습니다: %3.</translation>
    </message>
    <message>
        <source>Reservation %1 has %2 night rows for %3 nights.</source>
        <translation>예약 %1의 숙박일 행이 %3박에 대해 %2개입니다.</translation>
    </message>
    <message>
        <source>Cancelled reservation %1 has no cancelled payment recording its refund of %2.</source>
        <translation>취소된 %1 예약에 환불액(%2)을 기록한 취소 결제가 없습니다.</translation>
    </message>
    <message>
        <source>Mileage row %1 (%2) points to reservation %3, which is not a paid booking of the same customer.</source>
        <translation>마일리지 행 %1(%2)에 연결된 %3 예약은 같은 고객의 결제된 예약이 아닙니다.</translation>
    </message>
    <message>
        <source>its redeem row is %1 for %2 points used</source>
        <translation>사용 포인트 %2에 대한 사용 행이 %1입니다</translation>
    </message>
    <message>
        <source>its payment credit is %1</source>
        <translation>결제 적립이 %1입니다</translation>
    </message>
    <message>
        <source>its cancel row is %1 where %2 is due</source>
        <translation>취소 행이 %1이지만 %2이어야 합니다</translation>
    </message>
    <message>
        <source>Mileage of reservation %1 breaks the rules: %2.</source>
        <translation>예약 %1의 마일리지가 규칙에 맞지 않습니다: %2.</translation>
    </message>
    <message>
        <source>its review credit is %1</source>
        <translation>리뷰 적립이 %1입니다</translation>
    </message>
    <message>
        <source>its review_deleted row is %1 where %2 is due</source>
        <translation>리뷰 삭제 차감 행이 %1이지만 %2이어야 합니다</translation>
    </message>
    <message>
        <source>Mileage of review %1 (reservation %2) breaks the rules: %3.</source>
        <translation>리뷰 %1(예약 %2)의 마일리지가 규칙에 맞지 않습니다: %3.</translation>
    </message>
    <message>
        <source>Mileage row %1 (%2) has no review of reservation %3 behind it.</source>
        <translation>마일리지 행 %1(%2)에 해당하는 예약 %3의 리뷰가 없습니다.</translation>
    </message>
    <message>
        <source>The read model differs from a rebuild: %1</source>
        <translation>조회 모델이 재구성 결과와 다릅니다: %1</translation>
    </message>
    <message>
        <source>Reservation %1 has %2 %3 events; a transition happens once.</source>
        <translation>예약 %1에 %3 이벤트가 %2개 있습니다. 상태 전이는 한 번만 일어나야 합니다.</translation>
    </message>
    <message>
        <source>Mileage row %1 of customer %2 redeems %3 points with a balance of %4 before it.</source>
        <translation>고객 %2의 마일리지 행 %1에서 직전 잔액 %4점으로 %3점을 사용했습니다.</translation>
    </message>
    <message>
        <source>Customer %1 has a negative points balance: %2.</source>
        <translation>고객 %1의 마일리지 잔액이 음수입니다: %2.</translation>
    </message>
    <message>
        <source>Payment %1 records a refund of %2, more than its %3.</source>
        <translation>%1 결제의 환불 금액(%2)이 결제 금액(%3)보다 큽니다.</translation>
    </message>
    <message>
        <source>Payment %1 was refunded %3 where %2 was asked, and nobody was told.</source>
        <translation>%1 결제: 요청한 환불액은 %2, 실제 환불액은 %3이며 아무도 알림을 받지 못했습니다.</translation>
    </message>
    <message>
        <source>Payment %1 was cancelled more than once.</source>
        <translation>%1 결제가 두 번 이상 취소되었습니다.</translation>
    </message>
    <message>
        <source>Payment %1 records a refund of %2 (%3), but its cancellation gave back %4.</source>
        <translation>%1 결제에는 환불 %2(%3)가 기록되어 있지만, 취소 시 돌려준 금액은 %4입니다.</translation>
    </message>
    <message>
        <source>Payment %1 (%2) needs attention: %3. %4</source>
        <translation>결제 %1(%2)에 조치가 필요합니다: %3. %4</translation>
    </message>
    <message>
        <source>No-show reservation %1 has no payment recording its refund of %2.</source>
        <translation>노쇼 예약 %1에 환불액 %2을 기록한 결제가 없습니다.</translation>
    </message>
    <message>
        <source>Reservation %1 has %2 %3 events and %4 undone; a transition happens once.</source>
        <translation>예약 %1에 %3 이벤트가 %2개, 되돌리기가 %4개 있습니다. 상태 변경은 한 번만 일어나야 합니다.</translation>
    </message>
    <message>
        <source>Reservation %1 has an amount of %2 but its lines add up to %3.</source>
        <translation>예약 %1의 금액은 %2인데 항목 합계는 %3입니다.</translation>
    </message>
    <message>
        <source>Paid reservation %1 (amount %2) has %3 approved booking payment(s) and approved payments of %4 in all; it needs exactly one, and the payments must add up to the amount.</source>
        <translation>결제된 예약 %1(금액 %2)에 승인된 예약 결제가 %3건, 승인된 결제가 모두 %4입니다. 예약 결제는 정확히 한 건이어야 하고 결제 합계는 금액과 같아야 합니다.</translation>
    </message>
    <message>
        <source>Reservation %1 (%3) has a balance due of %2 that cannot be right.</source>
        <translation>예약 %1(%3)의 잔금 금액이 맞지 않습니다: %2</translation>
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
    <name>KioskRole</name>
    <message>
        <source>A kiosk role exists on PostgreSQL only; a SQLite file has no roles (see the README).</source>
        <translation>키오스크 역할은 PostgreSQL에만 있습니다. SQLite 파일에는 역할이 없습니다(README 참고).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a role name: use lower-case letters, digits and _ (at most 63).</source>
        <translation>역할 이름으로 쓸 수 없습니다: &quot;%1&quot;. 영문 소문자, 숫자, _만 63자까지 쓰세요.</translation>
    </message>
    <message>
        <source>The password must have at least 12 characters.</source>
        <translation>비밀번호는 12자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>The role %1 already exists with more than a kiosk may have; choose another name.</source>
        <translation>%1 역할이 이미 있고 키오스크에 허용되는 것보다 권한이 많습니다. 다른 이름을 고르세요.</translation>
    </message>
</context>
<context>
    <name>MileageService</name>
    <message>
        <source>An adjustment must be a non-zero number of points up to 10,000,000.</source>
        <translation>조정 마일리지는 0이 아닌 10,000,000점 이하의 값이어야 합니다.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>이 고객은 더 이상 존재하지 않습니다.</translation>
    </message>
    <message>
        <source>The balance is %1 points; it cannot go below zero.</source>
        <translation>잔액이 %1포인트입니다. 0 아래로 내려갈 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>NoShowService</name>
    <message>
        <source>This booking could not be found.</source>
        <translation>예약을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is already marked as a no-show.</source>
        <translation>%1 예약은 이미 노쇼로 처리되었습니다.</translation>
    </message>
    <message>
        <source>The guest of booking %1 has checked in: it is not a no-show.</source>
        <translation>%1 예약의 손님은 체크인했으므로 노쇼가 아닙니다.</translation>
    </message>
    <message>
        <source>Only a paid booking can be marked as a no-show (booking %1 is %2).</source>
        <translation>결제된 예약만 노쇼로 처리할 수 있습니다(%1 예약: %2).</translation>
    </message>
    <message>
        <source>Booking %1 can be marked as a no-show from %2.</source>
        <translation>%1 예약은 %2부터 노쇼로 처리할 수 있습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is already being cancelled: its refund is in progress.</source>
        <translation>이미 취소 중인 예약입니다(%1): 환불이 진행 중입니다.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>%1 예약이 다른 단말기에서 변경되었습니다. 다시 확인해 주세요.</translation>
    </message>
</context>
<context>
    <name>NoShowSettings</name>
    <message>
        <source>Enter the no-show cutoff as a time of day, e.g. 11:00.</source>
        <translation>노쇼 기준 시각을 입력하세요(예: 11:00).</translation>
    </message>
    <message>
        <source>A no-show refund must be between 0% and 100%.</source>
        <translation>노쇼 환불 비율은 0%에서 100% 사이여야 합니다.</translation>
    </message>
</context>
<context>
    <name>NotificationService</name>
    <message>
        <source>This notification does not exist.</source>
        <translation>이 알림이 없습니다.</translation>
    </message>
    <message>
        <source>Only a notification that could not be sent can be sent again.</source>
        <translation>보내지 못한 알림만 다시 보낼 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>PaymentAttention</name>
    <message>
        <source>Approved for a wrong amount and not cancelled</source>
        <translation>다른 금액으로 승인되었고 취소되지 않음</translation>
    </message>
    <message>
        <source>Booking cancelled or changed, refund not done</source>
        <translation>예약은 취소 또는 변경되었으나 환불되지 않음</translation>
    </message>
    <message>
        <source>Refunded amount differs from the one asked</source>
        <translation>환불된 금액이 요청한 금액과 다름</translation>
    </message>
    <message>
        <source>Paid without a booking</source>
        <translation>예약 없이 결제됨</translation>
    </message>
    <message>
        <source>Approved for another amount than the booking</source>
        <translation>예약 금액과 다른 금액으로 승인됨</translation>
    </message>
    <message>
        <source>Say how the payment was settled.</source>
        <translation>결제를 어떻게 정리했는지 적어 주세요.</translation>
    </message>
    <message>
        <source>This payment no longer needs attention.</source>
        <translation>이 결제는 더 이상 조치가 필요하지 않습니다.</translation>
    </message>
    <message>
        <source>This payment is not retried automatically: settle it by hand and say how.</source>
        <translation>이 결제는 자동으로 다시 시도되지 않습니다: 직접 처리하고 처리 방법을 적어 주세요.</translation>
    </message>
    <message>
        <source>A new try of this payment is already due.</source>
        <translation>이 결제의 재시도가 이미 예정되어 있습니다.</translation>
    </message>
</context>
<context>
    <name>PaymentSetup</name>
    <message>
        <source>A payment gateway is set (%1) but its secret key (%2) is not in this terminal&apos;s keyring or secrets file. Payments use the simulated terminal until it is stored.</source>
        <translation>결제 게이트웨이(%1)가 설정되었지만 그 시크릿 키(%2)가 이 단말기의 키링이나 비밀 파일에 없습니다. 키를 저장할 때까지 모의 단말기로 결제합니다.</translation>
    </message>
    <message>
        <source>The payment gateway</source>
        <translation>결제 게이트웨이</translation>
    </message>
    <message>
        <source>%1: its secret key would be sent in clear text. Use an https:// address, or allow plain connections with security/allowPlainConnections=true in this terminal&apos;s settings.</source>
        <translation>%1: 비밀 키가 암호화되지 않은 채 전송됩니다. https:// 주소를 쓰거나, 이 단말기 설정에서 security/allowPlainConnections=true로 암호화되지 않은 연결을 허용하세요.</translation>
    </message>
</context>
<context>
    <name>PhoneVerification</name>
    <message>
        <source>Please check the phone number.</source>
        <translation>휴대전화 번호를 확인해 주세요.</translation>
    </message>
    <message numerus="yes">
        <source>Too many codes were asked for. Please try again in %n minute(s), or use your points at the front desk.</source>
        <translation>
            <numerusform>인증번호 요청이 너무 많습니다. %n분 뒤에 다시 시도하시거나 프런트에서 마일리지를 사용하세요.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A code was just sent. You can ask for another in %n second(s).</source>
        <translation>
            <numerusform>방금 인증번호를 보냈습니다. %n초 뒤에 다시 요청할 수 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>This code can no longer be used. Please ask for a new code.</source>
        <translation>이 인증번호는 더 이상 사용할 수 없습니다. 새 인증번호를 요청하세요.</translation>
    </message>
    <message numerus="yes">
        <source>The code is not right. %n try(s) left.</source>
        <translation>
            <numerusform>인증번호가 맞지 않습니다. %n번 더 시도할 수 있습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QtImageCodec</name>
    <message>
        <source>This file is not a picture Campdesk can read (PNG, JPEG, GIF, BMP or WebP).</source>
        <translation>Campdesk가 읽을 수 있는 그림 파일이 아닙니다(PNG, JPEG, GIF, BMP, WebP).</translation>
    </message>
    <message>
        <source>The picture has too many pixels (%1 x %2).</source>
        <translation>그림의 픽셀이 너무 많습니다(%1 x %2).</translation>
    </message>
    <message>
        <source>The photo could not be converted: %1</source>
        <translation>사진을 변환할 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>RatePlanService</name>
    <message>
        <source>Enter the weekday price.</source>
        <translation>주중 요금을 입력하세요.</translation>
    </message>
    <message>
        <source>Give the season a name.</source>
        <translation>시즌 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>A season name is at most %1 characters.</source>
        <translation>시즌 이름은 최대 %1자입니다.</translation>
    </message>
    <message>
        <source>Choose peak, shoulder or off season.</source>
        <translation>성수기, 준성수기, 비수기 중에서 고르세요.</translation>
    </message>
    <message>
        <source>The first day is not a date.</source>
        <translation>시작일이 올바른 날짜가 아닙니다.</translation>
    </message>
    <message>
        <source>The last day is not a date.</source>
        <translation>종료일이 올바른 날짜가 아닙니다.</translation>
    </message>
    <message>
        <source>A minimum stay is between 1 and %1 nights.</source>
        <translation>최소 숙박은 1박에서 %1박까지입니다.</translation>
    </message>
    <message>
        <source>Prices are set per site kind or per site.</source>
        <translation>요금은 사이트 유형별 또는 사이트별로 정합니다.</translation>
    </message>
    <message>
        <source>A site kind or site has one row of prices.</source>
        <translation>사이트 유형이나 사이트마다 요금 행은 하나입니다.</translation>
    </message>
    <message>
        <source>Fees are set per site kind or per site.</source>
        <translation>추가 요금은 사이트 유형별 또는 사이트별로 정합니다.</translation>
    </message>
    <message>
        <source>Vehicles included are between 0 and 10.</source>
        <translation>기본 포함 차량은 0대에서 10대까지입니다.</translation>
    </message>
    <message>
        <source>This season overlaps %1 (%2 to %3): a night belongs to one season.</source>
        <translation>이 시즌은 다른 시즌과 겹칩니다: %1(%2~%3). 하루는 한 시즌에만 속할 수 있습니다.</translation>
    </message>
    <message>
        <source>This season no longer exists.</source>
        <translation>이 시즌은 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>Choose the holiday&apos;s date.</source>
        <translation>공휴일 날짜를 고르세요.</translation>
    </message>
    <message>
        <source>Give the holiday a name.</source>
        <translation>공휴일 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>A holiday name is at most %1 characters.</source>
        <translation>공휴일 이름은 최대 %1자입니다.</translation>
    </message>
    <message>
        <source>Choose the first closed day.</source>
        <translation>휴장 시작일을 고르세요.</translation>
    </message>
    <message>
        <source>The last closed day cannot be before the first.</source>
        <translation>휴장 종료일은 시작일보다 앞설 수 없습니다.</translation>
    </message>
    <message>
        <source>Close at most a year at a time.</source>
        <translation>한 번에 최대 1년까지 휴장할 수 있습니다.</translation>
    </message>
    <message>
        <source>This campsite does not exist.</source>
        <translation>존재하지 않는 캠핑사이트입니다.</translation>
    </message>
    <message>
        <source>The base count is between 0 (everyone included) and the site&apos;s maximum of %1.</source>
        <translation>기준 인원은 0(전원 포함)에서 사이트 최대 인원 %1명까지입니다.</translation>
    </message>
    <message>
        <source>Choose a month.</source>
        <translation>월을 고르세요.</translation>
    </message>
</context>
<context>
    <name>RateTables</name>
    <message>
        <source>Choose the check-in and check-out dates.</source>
        <translation>체크인 날짜와 체크아웃 날짜를 고르세요.</translation>
    </message>
    <message>
        <source>Children cannot be more than the guests less one adult.</source>
        <translation>어린이 수는 인원에서 성인 한 명을 뺀 수보다 많을 수 없습니다.</translation>
    </message>
    <message>
        <source>Vehicles must be between 0 and 10.</source>
        <translation>차량은 0대에서 10대까지입니다.</translation>
    </message>
    <message>
        <source>The campground is closed on %1.</source>
        <translation>캠핑장이 %1에 휴장합니다.</translation>
    </message>
    <message>
        <source>The campground is closed on %1 (%2).</source>
        <translation>캠핑장이 %1에 휴장합니다(%2).</translation>
    </message>
    <message numerus="yes">
        <source>A stay with a Saturday night in %1 is at least %n night(s).</source>
        <translation>
            <numerusform>%1 기간에 토요일 밤이 포함된 숙박은 최소 %n박입니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A stay in %1 is at least %n night(s).</source>
        <translation>
            <numerusform>%1 기간의 숙박은 최소 %n박입니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadModel</name>
    <message>
        <source>campsite_status has no row for campsite %1.</source>
        <translation>campsite_status에 캠핑사이트 %1의 행이 없습니다.</translation>
    </message>
    <message>
        <source>campsite_status for campsite %1 is [%2] but should be [%3].</source>
        <translation>캠핑사이트 %1의 campsite_status가 [%2]이지만 [%3]이어야 합니다.</translation>
    </message>
    <message>
        <source>campsite_status has a row for campsite %1, which does not exist.</source>
        <translation>campsite_status에 존재하지 않는 캠핑사이트 %1의 행이 있습니다.</translation>
    </message>
    <message>
        <source>daily_stats for %1 is [%2] but should be [%3].</source>
        <translation>%1의 daily_stats가 [%2]이지만 [%3]이어야 합니다.</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>Booking code</source>
        <translation>예약 번호</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>캠핑 사이트</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>손님</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
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
        <source>Points used</source>
        <translation>사용 포인트</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>결제액</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>환불액</translation>
    </message>
    <message>
        <source>Issued %1</source>
        <translation>발행 %1</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>영수증 %1</translation>
    </message>
    <message>
        <source>Print receipt %1</source>
        <translation>영수증 %1 인쇄</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>영수증</translation>
    </message>
    <message>
        <source>Business registration no. %1</source>
        <translation>사업자등록번호 %1</translation>
    </message>
    <message>
        <source>Tel. %1</source>
        <translation>전화 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s)</source>
        <translation>
            <numerusform>%n박</numerusform>
        </translation>
    </message>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>결제 수단</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>결제 시각</translation>
    </message>
    <message>
        <source>Deposit paid</source>
        <translation>예약금 결제</translation>
    </message>
    <message>
        <source>Balance paid</source>
        <translation>잔금 결제</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>잔금</translation>
    </message>
</context>
<context>
    <name>ReceiptQuery</name>
    <message>
        <source>This booking no longer exists.</source>
        <translation>이 예약은 더 이상 없습니다.</translation>
    </message>
</context>
<context>
    <name>ReservationChangeService</name>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>다른 단말기에서 예약 %1의 내용이 바뀌었습니다. 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>Choose the check-in and check-out dates.</source>
        <translation>체크인 날짜와 체크아웃 날짜를 선택하세요.</translation>
    </message>
    <message>
        <source>Check-out must be at least one night after check-in.</source>
        <translation>체크아웃은 체크인 다음 날 이후여야 합니다.</translation>
    </message>
    <message numerus="yes">
        <source>A booking can be at most %n night(s).</source>
        <translation>
            <numerusform>한 번에 최대 %n박까지 예약할 수 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>A booking needs at least one guest.</source>
        <translation>인원은 1명 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>Choose a campsite.</source>
        <translation>캠핑사이트를 선택하세요.</translation>
    </message>
    <message>
        <source>This booking could not be found.</source>
        <translation>예약을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is %2 and cannot be changed.</source>
        <translation>예약 %1의 상태가 &apos;%2&apos;(이)라 변경할 수 없습니다.</translation>
    </message>
    <message>
        <source>A guest who has checked in cannot be moved to another site here; change the end of the stay only.</source>
        <translation>체크인한 손님은 여기서 다른 사이트로 옮길 수 없습니다. 체크아웃 날짜만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>The guest has checked in: the check-in date cannot change.</source>
        <translation>이미 체크인했으므로 체크인 날짜는 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <source>Check-out must be after today; a guest leaving today checks out.</source>
        <translation>체크아웃은 내일 이후여야 합니다. 오늘 떠나는 손님은 체크아웃 처리하세요.</translation>
    </message>
    <message>
        <source>Check-in cannot be in the past.</source>
        <translation>지난 날짜에는 체크인할 수 없습니다.</translation>
    </message>
    <message>
        <source>This campsite does not exist.</source>
        <translation>존재하지 않는 캠핑사이트입니다.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>바뀐 내용이 없습니다.</translation>
    </message>
    <message>
        <source>Campsite %1 cannot be booked now (%2).</source>
        <translation>지금 예약할 수 없는 캠핑사이트입니다: %1(%2)</translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 takes at most %n guest(s).</source>
        <translation>
            <numerusform>캠핑사이트 %1의 최대 인원은 %n명입니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The guest&apos;s equipment (%1) is longer than campsite %2 takes (%3).</source>
        <translation>손님의 장비(%1)가 %2 캠핑사이트에 들어가는 길이(%3)보다 깁니다.</translation>
    </message>
    <message>
        <source>The new stay costs %1 won, less than the %2 points used for it. Cancel the booking instead.</source>
        <translation>바뀐 숙박 요금 %1원이 사용한 마일리지 %2점보다 적습니다. 대신 예약을 취소하세요.</translation>
    </message>
    <message>
        <source>The refund must be between 0 and %1 won.</source>
        <translation>환불액은 0원에서 %1원 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>환불액을 바꾸는 사유를 입력하세요.</translation>
    </message>
    <message>
        <source>Booking %1 has no approved payment.</source>
        <translation>예약 %1에 승인된 결제가 없습니다.</translation>
    </message>
    <message>
        <source>Choose how the difference is settled: cash or the desk&apos;s card machine.</source>
        <translation>차액 정산 방법을 선택하세요: 현금 또는 프런트 카드 단말기.</translation>
    </message>
    <message>
        <source>Booking %1 is already being cancelled: its refund is in progress.</source>
        <translation>예약 %1의 취소가 이미 진행 중입니다. 환불이 진행되고 있습니다.</translation>
    </message>
    <message>
        <source>Sorry, this site was just taken for these dates.</source>
        <translation>죄송합니다. 방금 다른 분이 이 날짜에 이 사이트를 예약했습니다.</translation>
    </message>
    <message>
        <source>This site is closed on some of these dates (%1).</source>
        <translation>이 사이트는 이 날짜 중 일부에 예약을 받지 않습니다(%1).</translation>
    </message>
    <message>
        <source>Free for the same dates: %1.</source>
        <translation>같은 날짜에 비어 있는 사이트: %1.</translation>
    </message>
    <message>
        <source>No other site is free for these dates.</source>
        <translation>이 날짜에 비어 있는 다른 사이트가 없습니다.</translation>
    </message>
    <message>
        <source>%1 is %2: it cannot be moved.</source>
        <translation>%1 예약은 %2 상태라 옮길 수 없습니다.</translation>
    </message>
    <message>
        <source>%1: no free %2 site for %3 – %4.</source>
        <translation>%1: %3 – %4에 비어 있는 %2 사이트가 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 was paid through %2, which this terminal cannot refund. Change it at the front desk.</source>
        <translation>예약 %1의 결제 수단(%2)은 이 단말기에서 환불할 수 없습니다. 프런트에서 변경해 주세요.</translation>
    </message>
    <message>
        <source>%1 won was given back to the guest&apos;s card.</source>
        <translation>%1원을 고객 카드로 환불했습니다.</translation>
    </message>
    <message>
        <source>%1 won was given back to the guest&apos;s card; it is recorded shortly.</source>
        <translation>%1원을 고객 카드로 환불했습니다. 곧 기록됩니다.</translation>
    </message>
    <message>
        <source>The payment service did not give back %1 won (%2). The booking is changed; the refund is listed under payments that need attention and is tried again automatically.</source>
        <translation>결제 서비스에서 %1원이 환불되지 않았습니다(%2). 예약은 변경되었습니다. 환불은 확인이 필요한 결제 목록에 올라가고 자동으로 다시 시도됩니다.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>응답 없음</translation>
    </message>
    <message>
        <source>The payment service has not confirmed the refund of %1 won yet. The booking is changed; the refund is checked with the payment service and recorded automatically.</source>
        <translation>결제 서비스가 아직 %1원 환불을 확인해 주지 않았습니다. 예약은 변경되었습니다. 환불은 결제 서비스에 확인한 뒤 자동으로 기록됩니다.</translation>
    </message>
    <message>
        <source>This refund is already recorded.</source>
        <translation>이 환불은 이미 기록되어 있습니다.</translation>
    </message>
    <message>
        <source>Booking %1 was paid through %2, which this terminal cannot charge. Change it at the front desk.</source>
        <translation>예약 %1의 결제 수단(%2)으로는 이 단말기에서 추가 결제를 할 수 없습니다. 프런트 데스크에서 변경하세요.</translation>
    </message>
    <message>
        <source>Booking %1 was paid in two card payments (the booking and an earlier change). A refund of %2 won is more than the first one can give back (%3 won); give back at most that (staff override), or ask a manager.</source>
        <translation>예약 %1은 카드 결제가 두 건(예약 결제와 이전 변경의 결제)입니다. 환불액 %2원은 첫 결제에서 돌려줄 수 있는 금액(%3원)보다 많습니다. 그 금액 이하로 환불하거나(직원 조정) 관리자에게 문의하세요.</translation>
    </message>
    <message>
        <source>Booking %1 has a refund in progress; change it once that is done.</source>
        <translation>예약 %1의 환불이 진행 중입니다. 환불이 끝난 뒤 변경하세요.</translation>
    </message>
    <message>
        <source>A payment for booking %1 is already in progress on another terminal; please look at the booking again in a moment.</source>
        <translation>다른 단말기에서 예약 %1의 결제가 이미 진행 중입니다. 잠시 후 예약을 다시 확인하세요.</translation>
    </message>
    <message>
        <source>Change of booking %1</source>
        <translation>예약 %1 변경</translation>
    </message>
    <message>
        <source>The payment for the change could not be recorded.</source>
        <translation>변경 결제를 기록하지 못했습니다.</translation>
    </message>
    <message>
        <source>This terminal cannot reach the payment service %1.</source>
        <translation>이 단말기에서 결제 서비스 %1에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <source>The payment service did not answer, so it is not known whether %1 won was taken from the guest&apos;s card. The booking is unchanged; if the charge went through, it is given back automatically. Do not charge it again: try the change in a few minutes.</source>
        <translation>결제 서비스가 응답하지 않아 손님 카드에서 %1원이 결제되었는지 알 수 없습니다. 예약은 그대로입니다. 결제가 되었다면 자동으로 취소됩니다. 다시 결제하지 말고 몇 분 뒤에 변경을 다시 해 주세요.</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again shortly.</source>
        <translation>지금은 결제가 혼잡합니다. 잠시 후 다시 시도해 주세요.</translation>
    </message>
    <message>
        <source>The booking is unchanged.</source>
        <translation>예약은 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation>결제가 되지 않았습니다.</translation>
    </message>
    <message>
        <source>The card was not charged %1 won: %2 The booking is unchanged.</source>
        <translation>카드에 %1원이 결제되지 않았습니다: %2 예약은 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>The amount charged does not match the difference (%1 won).</source>
        <translation>결제된 금액이 차액(%1원)과 다릅니다.</translation>
    </message>
    <message>
        <source>The %1 won charged to the card was given back.</source>
        <translation>카드에 결제된 %1원은 취소해 돌려드렸습니다.</translation>
    </message>
    <message>
        <source>The %1 won charged to the card could not be given back automatically; it is listed under payments that need attention.</source>
        <translation>카드에 결제된 %1원을 자동으로 돌려드리지 못했습니다. 확인이 필요한 결제 목록에 올라 있습니다.</translation>
    </message>
    <message>
        <source>The payment for this change is no longer waiting for its result.</source>
        <translation>이 변경의 결제는 더 이상 결과를 기다리고 있지 않습니다.</translation>
    </message>
    <message>
        <source>%1 won was charged to the guest&apos;s card.</source>
        <translation>손님 카드에 %1원이 결제되었습니다.</translation>
    </message>
    <message>
        <source>%1: campsite %2 costs %3 won more, which a move of all does not charge to the guest&apos;s card.</source>
        <translation>%1: %2 사이트는 %3원 더 비쌉니다. 일괄 이동은 손님 카드에 추가 결제를 하지 않습니다.</translation>
    </message>
    <message>
        <source>The payment service did not give back %1 won (%2). The guest is checked out; the refund is listed under payments that need attention and is tried again automatically.</source>
        <translation>결제 서비스가 %1원을 돌려주지 못했습니다(%2). 체크아웃은 완료되었고, 환불은 확인이 필요한 결제 목록에 올라 자동으로 다시 시도됩니다.</translation>
    </message>
    <message>
        <source>The payment service has not confirmed the refund of %1 won yet. The guest is checked out; the refund is checked with the payment service and recorded automatically.</source>
        <translation>결제 서비스가 %1원 환불을 아직 확인해 주지 않았습니다. 체크아웃은 완료되었고, 환불은 결제 서비스에 확인한 뒤 자동으로 기록됩니다.</translation>
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
    <message>
        <source>This review could not be found.</source>
        <translation>리뷰를 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>You can review your stay once you have checked in.</source>
        <translation>체크인한 뒤에 숙박 후기를 남길 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>RuleSettings</name>
    <message>
        <source>The mileage rate must be between 0% and 50%.</source>
        <translation>마일리지 적립률은 0%에서 50% 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Review points must be between 0 and 1,000,000.</source>
        <translation>후기 마일리지는 0에서 1,000,000점 사이여야 합니다.</translation>
    </message>
    <message>
        <source>A hold must last between 1 and 120 minutes.</source>
        <translation>임시 확보 시간은 1분에서 120분 사이여야 합니다.</translation>
    </message>
    <message>
        <source>The cancellation table needs at least one row.</source>
        <translation>취소 규정표에는 한 줄 이상이 있어야 합니다.</translation>
    </message>
    <message>
        <source>Days before check-in must be between 0 and 365.</source>
        <translation>체크인 전 일수는 0에서 365 사이여야 합니다.</translation>
    </message>
    <message>
        <source>A refund must be between 0% and 100%.</source>
        <translation>환불률은 0%에서 100% 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Each number of days may appear only once in the cancellation table.</source>
        <translation>취소 규정표에서 같은 일수는 한 번만 쓸 수 있습니다.</translation>
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
    <name>SetSecretCommand</name>
    <message>
        <source>Unknown secret &quot;%1&quot;. Choose one of: %2.</source>
        <translation>알 수 없는 비밀 값 이름입니다: &quot;%1&quot;. 다음 중에서 고르세요: %2.</translation>
    </message>
    <message>
        <source>Value of %1: </source>
        <translation>%1 값: </translation>
    </message>
    <message>
        <source>No value given on standard input.</source>
        <translation>표준 입력으로 받은 값이 없습니다.</translation>
    </message>
    <message>
        <source>The value is empty; nothing was stored.</source>
        <translation>값이 비어 있어 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <source>Repeat the value: </source>
        <translation>값을 한 번 더 입력하세요: </translation>
    </message>
    <message>
        <source>The values do not match; nothing was stored.</source>
        <translation>두 값이 다르므로 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <source>%1 is stored in the desktop keyring.
</source>
        <translation>%1 값을 데스크톱 키링에 저장했습니다.
</translation>
    </message>
    <message>
        <source>%1 is stored in %2 (readable by you only).
</source>
        <translation>%1 값을 %2 파일에 저장했습니다 (본인만 읽을 수 있음).
</translation>
    </message>
    <message>
        <source>Store a secret of this terminal (gateway-key, smtp-password, database-password or webhook-auth); asks for the value, or reads it from stdin.</source>
        <translation>이 단말기의 비밀 값(gateway-key, smtp-password, database-password, webhook-auth)을 저장합니다. 값을 묻거나 표준 입력에서 읽습니다.</translation>
    </message>
</context>
<context>
    <name>SimulatedTerminal</name>
    <message>
        <source>Card terminal (SIMULATED — training, no money is taken)</source>
        <translation>카드 단말기(모의 결제 — 교육용, 실제 결제 없음)</translation>
    </message>
    <message>
        <source>The card terminal is busy. Please try again in %1 seconds, or pay at the front desk.</source>
        <translation>카드 단말기가 혼잡합니다. %1초 후 다시 시도하시거나 프런트에서 결제해 주세요.</translation>
    </message>
    <message>
        <source>The card terminal did not answer in time.</source>
        <translation>카드 단말기가 제때 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>The card was declined (simulated).</source>
        <translation>카드가 거절되었습니다(모의 결제).</translation>
    </message>
    <message>
        <source>The card terminal failed (simulated).</source>
        <translation>카드 단말기 오류가 발생했습니다(모의 결제).</translation>
    </message>
    <message>
        <source>The card terminal could not refund the payment (simulated).</source>
        <translation>카드 단말기에서 환불하지 못했습니다(모의 결제).</translation>
    </message>
    <message>
        <source>The card terminal has no payment with this order number.</source>
        <translation>카드 단말기에 이 주문번호의 결제가 없습니다.</translation>
    </message>
    <message>
        <source>The refund is larger than the payment.</source>
        <translation>환불 금액이 결제 금액보다 큽니다.</translation>
    </message>
</context>
<context>
    <name>SiteBlockService</name>
    <message>
        <source>Maintenance</source>
        <translation>정비</translation>
    </message>
    <message>
        <source>Closure</source>
        <translation>휴장</translation>
    </message>
    <message>
        <source>Private event</source>
        <translation>단독 행사</translation>
    </message>
    <message>
        <source>Choose the first night of the block.</source>
        <translation>막을 첫 박을 고르세요.</translation>
    </message>
    <message>
        <source>The block must end at least one night after it starts.</source>
        <translation>최소 1박 이상 막아야 합니다.</translation>
    </message>
    <message>
        <source>A block cannot start in the past.</source>
        <translation>지난 날짜부터 막을 수는 없습니다.</translation>
    </message>
    <message>
        <source>A block can last at most %1 nights.</source>
        <translation>최대 %1박까지 막을 수 있습니다.</translation>
    </message>
    <message>
        <source>Choose what the block is for.</source>
        <translation>막는 용도를 고르세요.</translation>
    </message>
    <message>
        <source>Give a reason for the block.</source>
        <translation>막는 사유를 입력하세요.</translation>
    </message>
    <message>
        <source>The reason can be at most 200 characters.</source>
        <translation>사유는 200자까지 입력할 수 있습니다.</translation>
    </message>
    <message>
        <source>This campsite does not exist.</source>
        <translation>존재하지 않는 캠핑사이트입니다.</translation>
    </message>
    <message>
        <source>Campsite %1 is no longer offered.</source>
        <translation>%1 캠핑사이트는 더 이상 운영하지 않습니다.</translation>
    </message>
    <message>
        <source>Campsite %1 is booked on these dates (%2). Move or cancel the booking first, or choose other dates.</source>
        <translation>%1 캠핑사이트는 이 날짜에 예약이 있습니다(%2). 예약을 먼저 옮기거나 취소하거나, 다른 날짜를 고르세요.</translation>
    </message>
    <message>
        <source>Campsite %1 is already blocked on some of these dates.</source>
        <translation>%1 캠핑사이트는 이 날짜 중 일부가 이미 막혀 있습니다.</translation>
    </message>
    <message>
        <source>Campsite %1 was just booked on one of these dates; look at the rack again.</source>
        <translation>%1 캠핑사이트가 방금 이 날짜 중 하루에 예약되었습니다. 예약 현황을 다시 확인하세요.</translation>
    </message>
    <message>
        <source>This block was already removed.</source>
        <translation>이미 해제된 예약 막기입니다.</translation>
    </message>
</context>
<context>
    <name>SiteMapService</name>
    <message>
        <source>Pictures cannot be read on this terminal.</source>
        <translation>이 단말기에서는 그림을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>A marker must lie on the picture.</source>
        <translation>표시는 그림 안에 있어야 합니다.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>파일이 비어 있습니다.</translation>
    </message>
    <message>
        <source>The picture is %1 MB; a map can be at most %2 MB.</source>
        <translation>그림이 %1MB입니다. 배치도는 최대 %2MB까지 가능합니다.</translation>
    </message>
    <message>
        <source>A site can have only one marker.</source>
        <translation>사이트 하나에는 표시를 하나만 둘 수 있습니다.</translation>
    </message>
    <message>
        <source>This campsite no longer exists.</source>
        <translation>이 캠핑 사이트는 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>Site %1 is retired and is not shown on the map.</source>
        <translation>운영이 종료된 사이트(%1)는 배치도에 표시되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>SitePhotoService</name>
    <message>
        <source>Caption</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>This photo no longer exists.</source>
        <translation>이 사진은 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>파일이 비어 있습니다.</translation>
    </message>
    <message>
        <source>The file is larger than %1 MB.</source>
        <translation>파일이 %1MB보다 큽니다.</translation>
    </message>
    <message>
        <source>Pictures cannot be read on this terminal.</source>
        <translation>이 단말기에서는 그림을 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Even scaled down the photo is %1 MB; a photo can be at most %2 MB.</source>
        <translation>크기를 줄여도 사진이 %1MB입니다. 사진은 최대 %2MB까지 가능합니다.</translation>
    </message>
    <message>
        <source>This campsite no longer exists.</source>
        <translation>이 캠핑 사이트는 더 이상 없습니다.</translation>
    </message>
    <message>
        <source>A site can have at most %1 photos. Remove one first.</source>
        <translation>사이트 하나에 사진은 최대 %1장입니다. 먼저 한 장을 삭제하세요.</translation>
    </message>
    <message>
        <source>There is no place %1 to move the photo to.</source>
        <translation>사진을 옮길 %1번째 자리가 없습니다.</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>Held</source>
        <translation>임시 확보</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>결제됨</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>체크인함</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>체크아웃함</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>만료됨</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>결제 대기</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>결제됨</translation>
    </message>
    <message>
        <source>Payment cancelled</source>
        <translation>결제취소</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>발송됨</translation>
    </message>
    <message>
        <source>Failed for good</source>
        <translation>발송 포기</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>공개</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>숨김</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>키오스크</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>프런트</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>현금</translation>
    </message>
    <message>
        <source>Card machine</source>
        <translation>카드 단말기</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>카드</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>포인트</translation>
    </message>
    <message>
        <source>Simulated terminal</source>
        <translation>모의 단말기</translation>
    </message>
    <message>
        <source>Payment gateway</source>
        <translation>결제 게이트웨이</translation>
    </message>
    <message>
        <source>Earned by a booking</source>
        <translation>예약 적립</translation>
    </message>
    <message>
        <source>Booking cancelled</source>
        <translation>예약 취소</translation>
    </message>
    <message>
        <source>Earned by a review</source>
        <translation>리뷰 적립</translation>
    </message>
    <message>
        <source>Review deleted</source>
        <translation>리뷰 삭제</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Adjusted by staff</source>
        <translation>직원 조정</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <source>Review #%1</source>
        <translation>리뷰 #%1</translation>
    </message>
    <message>
        <source>Booking #%1</source>
        <translation>예약 #%1</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>사용자 %1</translation>
    </message>
    <message>
        <source>Booking rules</source>
        <translation>예약 규칙</translation>
    </message>
    <message>
        <source>Campground</source>
        <translation>캠핑장</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>로그인 실패</translation>
    </message>
    <message>
        <source>Login refused (locked)</source>
        <translation>로그인 거부(잠김)</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>계정 잠김</translation>
    </message>
    <message>
        <source>User created</source>
        <translation>사용자 추가</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>역할 변경</translation>
    </message>
    <message>
        <source>User activated</source>
        <translation>사용자 활성화</translation>
    </message>
    <message>
        <source>User deactivated</source>
        <translation>사용자 비활성화</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>비밀번호 재설정</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>비밀번호 변경</translation>
    </message>
    <message>
        <source>Campsite registered</source>
        <translation>캠핑 사이트 등록</translation>
    </message>
    <message>
        <source>Campsite changed</source>
        <translation>캠핑 사이트 수정</translation>
    </message>
    <message>
        <source>Campsite retired</source>
        <translation>캠핑 사이트 운영 종료</translation>
    </message>
    <message>
        <source>Campsite deleted</source>
        <translation>캠핑 사이트 삭제</translation>
    </message>
    <message>
        <source>Customer registered</source>
        <translation>고객 등록</translation>
    </message>
    <message>
        <source>Customer changed</source>
        <translation>고객 정보 수정</translation>
    </message>
    <message>
        <source>Booking paid</source>
        <translation>예약 결제</translation>
    </message>
    <message>
        <source>Review written</source>
        <translation>리뷰 작성</translation>
    </message>
    <message>
        <source>Review hidden</source>
        <translation>리뷰 숨김</translation>
    </message>
    <message>
        <source>Review shown</source>
        <translation>리뷰 표시</translation>
    </message>
    <message>
        <source>Points adjusted</source>
        <translation>포인트 조정</translation>
    </message>
    <message>
        <source>Notification retried</source>
        <translation>알림 재전송</translation>
    </message>
    <message>
        <source>Booking rules changed</source>
        <translation>예약 규칙 변경</translation>
    </message>
    <message>
        <source>Campground details changed</source>
        <translation>캠핑장 정보 변경</translation>
    </message>
    <message>
        <source>Kiosk PIN set</source>
        <translation>키오스크 PIN 설정</translation>
    </message>
    <message>
        <source>Kiosk exited</source>
        <translation>키오스크 종료</translation>
    </message>
    <message>
        <source>Wrong kiosk PIN</source>
        <translation>키오스크 PIN 틀림</translation>
    </message>
    <message>
        <source>Kiosk PIN locked</source>
        <translation>키오스크 PIN 잠김</translation>
    </message>
    <message>
        <source>Kiosk PIN refused (locked)</source>
        <translation>키오스크 PIN 거부(잠김)</translation>
    </message>
    <message>
        <source>Payment amount differs</source>
        <translation>결제 금액 불일치</translation>
    </message>
    <message>
        <source>Payment needs attention</source>
        <translation>결제 확인 필요</translation>
    </message>
    <message>
        <source>Payment retry failed</source>
        <translation>결제 재시도 실패</translation>
    </message>
    <message>
        <source>Payment attention cleared</source>
        <translation>결제 확인 완료</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>알 수 없는 사용자</translation>
    </message>
    <message>
        <source>Account deactivated</source>
        <translation>비활성화된 계정</translation>
    </message>
    <message>
        <source>Wrong password (%1 of %2)</source>
        <translation>비밀번호 틀림 (%2회 중 %1회)</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>%1까지 잠김</translation>
    </message>
    <message>
        <source>Lockout %1, for %2 s</source>
        <translation>%1번째 잠금, %2초</translation>
    </message>
    <message>
        <source>Manager PIN accepted</source>
        <translation>관리자 PIN 확인</translation>
    </message>
    <message>
        <source>Failure %1 of %2</source>
        <translation>실패 (%2회 중 %1회)</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>마지막 오류: %1</translation>
    </message>
    <message>
        <source>%1 points: %2</source>
        <translation>%1포인트: %2</translation>
    </message>
    <message>
        <source>Refund %1 (%2 days before, %3%)</source>
        <translation>환불 %1원 (%2일 전, %3%)</translation>
    </message>
    <message>
        <source>less %1 for points already spent</source>
        <translation>이미 쓴 포인트만큼 %1원 차감</translation>
    </message>
    <message>
        <source>%1 points already spent, balance set to 0</source>
        <translation>이미 쓴 포인트 %1점, 잔액 0으로 조정</translation>
    </message>
    <message>
        <source>Cancelled by the customer</source>
        <translation>고객 요청으로 취소</translation>
    </message>
    <message>
        <source>The hold expired</source>
        <translation>예약 대기 시간 만료</translation>
    </message>
    <message>
        <source>Payment abandoned</source>
        <translation>결제 중단</translation>
    </message>
    <message>
        <source>Payment undone</source>
        <translation>결제 취소 처리</translation>
    </message>
    <message>
        <source>Payment failed: %1</source>
        <translation>결제 실패: %1</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Payment retry asked</source>
        <translation>결제 재시도 요청</translation>
    </message>
    <message>
        <source>Kiosk sent a one-time code</source>
        <translation>키오스크 인증번호 발송</translation>
    </message>
    <message>
        <source>Wrong one-time code at the kiosk</source>
        <translation>키오스크 인증번호 틀림</translation>
    </message>
    <message>
        <source>Phone verified at the kiosk</source>
        <translation>키오스크 전화번호 인증</translation>
    </message>
    <message>
        <source>Refund claim released</source>
        <translation>환불 요청 해제</translation>
    </message>
    <message>
        <source>%1 won</source>
        <translation>%1원</translation>
    </message>
    <message>
        <source>changed by staff: %1</source>
        <translation>직원 변경: %1</translation>
    </message>
    <message>
        <source>Payment %1 cancelled at the payment service</source>
        <translation>결제 %1: 결제 서비스에서 취소됨</translation>
    </message>
    <message>
        <source>Payment %1 cancelled</source>
        <translation>결제 %1 취소됨</translation>
    </message>
    <message>
        <source>A refund of %1 was asked but not made: the payment service still holds the payment</source>
        <translation>환불 %1 요청이 처리되지 않았습니다: 결제 서비스에 결제가 남아 있습니다</translation>
    </message>
    <message>
        <source>Next try now</source>
        <translation>지금 다시 시도</translation>
    </message>
    <message>
        <source>Try %1: %2</source>
        <translation>%1번째 시도: %2</translation>
    </message>
    <message>
        <source>Still neither booked nor cancelled</source>
        <translation>아직 예약도 취소도 되지 않음</translation>
    </message>
    <message>
        <source>The payment service approved %1; the booking is %2</source>
        <translation>결제 서비스 승인 금액 %1, 예약 금액 %2</translation>
    </message>
    <message>
        <source>Asked %1 back; the payment service refunded %2</source>
        <translation>환불 요청 %1, 결제 서비스 환불 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Refunded %1 on a retry</source>
        <translation>재시도로 %1 환불됨</translation>
    </message>
    <message>
        <source>Settled: the payment is now %1</source>
        <translation>정리됨: 결제 상태 %1</translation>
    </message>
    <message>
        <source>Settled by hand: %1</source>
        <translation>직접 정리: %1</translation>
    </message>
    <message numerus="yes">
        <source>Refund %1 (%n day(s) before check-in, %2%)</source>
        <translation>
            <numerusform>환불 %1원 (체크인 %n일 전, %2%)</numerusform>
        </translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>노쇼</translation>
    </message>
    <message>
        <source>Marked no-show</source>
        <translation>노쇼 처리</translation>
    </message>
    <message>
        <source>Check-in undone</source>
        <translation>체크인 취소됨</translation>
    </message>
    <message>
        <source>Check-out undone</source>
        <translation>체크아웃 취소됨</translation>
    </message>
    <message>
        <source>Site blocked</source>
        <translation>사이트 예약 막음</translation>
    </message>
    <message>
        <source>Site block removed</source>
        <translation>사이트 예약 막기 해제</translation>
    </message>
    <message numerus="yes">
        <source>Refund %1, %n night(s) freed from %2, %3 points taken back</source>
        <translation>
            <numerusform>환불 %1, %2부터 %n박 풀림, 포인트 %3점 회수</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 points earned, the rest already spent</source>
        <translation>적립 %1점 중 나머지는 이미 사용됨</translation>
    </message>
    <message>
        <source>%1 from %2, open again on %3: %4</source>
        <translation>%1: %2부터, %3에 다시 열림: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s) from %1 held again (until %2)</source>
        <translation>
            <numerusform>%1부터 %n박 다시 잡힘 (%2까지)</numerusform>
        </translation>
    </message>
    <message>
        <source>Guest details changed</source>
        <translation>투숙객 정보 변경</translation>
    </message>
    <message>
        <source>Group booking paid</source>
        <translation>단체 예약 결제</translation>
    </message>
    <message>
        <source>Group booking cancelled</source>
        <translation>단체 예약 취소</translation>
    </message>
    <message>
        <source>Booking %1 was changed; its refund of %2 did not go through</source>
        <translation>예약 %1 변경 후 환불 %2이 처리되지 않았습니다</translation>
    </message>
    <message>
        <source>Booking %1 is being cancelled; %2 of its refund did not go through</source>
        <translation>예약 %1 취소 중, 환불 금액 %2 처리 실패</translation>
    </message>
</context>
<context>
    <name>StayUndoService</name>
    <message>
        <source>This booking could not be found.</source>
        <translation>예약을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is not checked in (it is %2): there is no check-in to undo.</source>
        <translation>%1 예약은 체크인 상태가 아니므로(%2) 되돌릴 체크인이 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is not checked out (it is %2): there is no check-out to undo.</source>
        <translation>%1 예약은 체크아웃 상태가 아니므로(%2) 되돌릴 체크아웃이 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 has changed since its check-in; the check-in cannot be undone.</source>
        <translation>%1 예약은 체크인 뒤에 변경되어 체크인을 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 has changed since its check-out; the check-out cannot be undone.</source>
        <translation>%1 예약은 체크아웃 뒤에 변경되어 체크아웃을 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>A check-in can only be undone on the day it was made.</source>
        <translation>체크인은 한 당일에만 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>A check-out can only be undone on the day it was made.</source>
        <translation>체크아웃은 한 당일에만 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>The guest of booking %1 has written a review since checking out; the check-out cannot be undone.</source>
        <translation>%1 예약의 손님이 체크아웃 뒤 후기를 남겨 체크아웃을 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 was changed on another terminal; please look at it again.</source>
        <translation>%1 예약이 다른 단말기에서 변경되었습니다. 다시 확인해 주세요.</translation>
    </message>
    <message>
        <source>a site block</source>
        <translation>예약 막기</translation>
    </message>
    <message>
        <source>The nights freed at check-out are no longer free (%1); the check-out of booking %2 cannot be undone.</source>
        <translation>체크아웃 때 비운 숙박일이 이미 다른 예약에 쓰여(%1) %2 예약의 체크아웃을 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>The check-out of booking %1 gave back money for the unused nights; it cannot be undone. Make a new booking for the guest instead.</source>
        <translation>예약 %1의 체크아웃에서 남은 숙박 금액을 돌려주었기 때문에 취소할 수 없습니다. 대신 손님의 예약을 새로 만들어 주세요.</translation>
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
    <name>WaitlistEntry</name>
    <message>
        <source>Waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>제안됨</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>예약됨</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>만료됨</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>삭제됨</translation>
    </message>
</context>
<context>
    <name>WaitlistService</name>
    <message>
        <source>This waitlist entry could not be found.</source>
        <translation>이 대기 항목을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>This waitlist entry is already %1.</source>
        <translation>이 대기 항목은 이미 &apos;%1&apos; 상태입니다.</translation>
    </message>
    <message>
        <source>This phone number is already on the waitlist for these dates.</source>
        <translation>이 전화번호는 이미 같은 날짜의 대기 명단에 있습니다.</translation>
    </message>
    <message>
        <source>No free site fits this entry&apos;s dates and party now.</source>
        <translation>지금은 이 항목의 날짜와 인원에 맞는 빈 캠핑사이트가 없습니다.</translation>
    </message>
    <message>
        <source>An offer lasts between 5 minutes and 7 days.</source>
        <translation>제안 유지 시간은 5분에서 7일 사이여야 합니다.</translation>
    </message>
    <message>
        <source>No waitlist offer has this booking code and phone number.</source>
        <translation>이 예약번호와 전화번호로 된 대기 제안이 없습니다.</translation>
    </message>
    <message>
        <source>Booking %1 is already paid. Find it under &quot;My booking&quot;.</source>
        <translation>예약 번호 %1의 결제는 이미 끝났습니다. &apos;내 예약&apos;에서 찾아보세요.</translation>
    </message>
    <message>
        <source>This offer has expired and the site went back to the waitlist. You can join the waitlist again or ask at the front desk.</source>
        <translation>결제 기한이 지나 이 자리는 다음 대기 손님께 넘어갔습니다. 대기 명단에 다시 올리시거나 안내데스크에 문의해 주세요.</translation>
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
    <name>campdesk::AdjustPointsDialog</name>
    <message>
        <source>Adjust points</source>
        <translation>포인트 조정</translation>
    </message>
    <message>
        <source>e.g. goodwill after a noisy night</source>
        <translation>예: 소음 불편에 대한 보상</translation>
    </message>
    <message>
        <source>Balance now: %1 points</source>
        <translation>현재 잔액: %1 포인트</translation>
    </message>
    <message>
        <source>&amp;Change (+/-)</source>
        <translation>변경(+/-)(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>사유(&amp;R)</translation>
    </message>
    <message>
        <source>e.g. 500 or -500</source>
        <translation>예: 500 또는 -500</translation>
    </message>
    <message>
        <source>points</source>
        <translation>포인트</translation>
    </message>
    <message>
        <source>Enter a change other than 0.</source>
        <translation>0이 아닌 값을 입력하세요.</translation>
    </message>
    <message>
        <source>Give a reason.</source>
        <translation>사유를 입력하세요.</translation>
    </message>
</context>
<context>
    <name>campdesk::AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>User</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>단말기</translation>
    </message>
</context>
<context>
    <name>campdesk::AuditLogPage</name>
    <message>
        <source>Audit log</source>
        <translation>감사 기록</translation>
    </message>
    <message>
        <source>User, action, target or details</source>
        <translation>사용자, 작업, 대상 또는 내용</translation>
    </message>
</context>
<context>
    <name>campdesk::AvailabilityPage</name>
    <message>
        <source>Previous month</source>
        <translation>이전 달</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>이전 주</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Start at today</source>
        <translation>오늘부터 보기</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>다음 주</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>다음 달</translation>
    </message>
    <message>
        <source>Hatched: under maintenance</source>
        <translation>빗금: 정비 중</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>예약 현황판</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Drag along a campsite&apos;s row over free nights to book them; click a stay to open it, drag it to another site or other dates to move it, drag its right end to extend or shorten it.</source>
        <translation>사이트 줄의 빈 날짜를 끌어 예약하고, 예약 막대를 누르면 예약이 열립니다. 막대를 다른 사이트나 날짜로 끌면 옮기고, 오른쪽 끝을 끌면 연장하거나 줄입니다.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
</context>
<context>
    <name>campdesk::AvailabilityRack</name>
    <message>
        <source>Block dates…</source>
        <translation>날짜 막기…</translation>
    </message>
    <message>
        <source>Open these dates again (%1)</source>
        <translation>이 날짜 다시 열기 (%1)</translation>
    </message>
</context>
<context>
    <name>campdesk::AvailabilityRackModel</name>
    <message>
        <source>%1 · %2
%3 – %4</source>
        <translation>%1 · %2
%3 – %4</translation>
    </message>
    <message>
        <source>%1 is under maintenance</source>
        <translation>%1 정비 중</translation>
    </message>
    <message>
        <source>%1 closed (%2): %3
%4 – %5</source>
        <translation>%1 예약 막힘 (%2): %3
%4 – %5</translation>
    </message>
</context>
<context>
    <name>campdesk::BackupService</name>
    <message>
        <source>Cannot open the backup %1: %2</source>
        <translation>백업을 열 수 없습니다: %1: %2</translation>
    </message>
    <message>
        <source>The backup %1 is damaged (%2). Use another backup.</source>
        <translation>백업이 손상되었습니다: %1 (%2). 다른 백업을 사용하세요.</translation>
    </message>
    <message>
        <source>%1 is not a Campdesk backup.</source>
        <translation>Campdesk 백업이 아닙니다: %1</translation>
    </message>
    <message>
        <source>pg_restore is not installed. Install the package postgresql-client to restore PostgreSQL backups.</source>
        <translation>pg_restore가 설치되어 있지 않습니다. PostgreSQL 백업을 복원하려면 postgresql-client 패키지를 설치하세요.</translation>
    </message>
    <message>
        <source>Backup failed: %1</source>
        <translation>백업 실패: %1</translation>
    </message>
    <message>
        <source>Cannot write the backup file %1.</source>
        <translation>백업 파일을 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <source>pg_dump is not installed, so this PostgreSQL database cannot be backed up from here. Install the package postgresql-client, or back up on the database server.</source>
        <translation>pg_dump가 설치되어 있지 않아 이 PostgreSQL 데이터베이스를 여기서 백업할 수 없습니다. postgresql-client 패키지를 설치하거나 데이터베이스 서버에서 백업하세요.</translation>
    </message>
    <message>
        <source>pg_dump failed: %1</source>
        <translation>pg_dump 실패: %1</translation>
    </message>
    <message>
        <source>The backup cannot replace the database itself.</source>
        <translation>백업 파일로 데이터베이스 파일 자체를 덮어쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>폴더를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>The backup file %1 does not exist.</source>
        <translation>백업 파일이 없습니다: %1</translation>
    </message>
    <message>
        <source>Cannot read the backup file %1: %2</source>
        <translation>백업 파일을 읽을 수 없습니다: %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a Campdesk backup (neither a SQLite file nor a pg_dump archive).</source>
        <translation>Campdesk 백업이 아닙니다(SQLite 파일도 pg_dump 아카이브도 아님): %1</translation>
    </message>
    <message>
        <source>The backup %1 was made by a newer Campdesk (schema %2; this program knows up to %3). Restore it with the newer Campdesk.</source>
        <translation>더 새로운 Campdesk로 만든 백업입니다: %1 (스키마 %2, 이 프로그램은 %3까지 지원). 새 버전의 Campdesk로 복원하세요.</translation>
    </message>
    <message>
        <source>This is a SQLite backup; the database to restore into is PostgreSQL.</source>
        <translation>SQLite 백업입니다. 복원할 데이터베이스는 PostgreSQL입니다.</translation>
    </message>
    <message>
        <source>This is a PostgreSQL backup; the database to restore into is a SQLite file.</source>
        <translation>PostgreSQL 백업입니다. 복원할 데이터베이스는 SQLite 파일입니다.</translation>
    </message>
    <message>
        <source>pg_restore failed: %1</source>
        <translation>pg_restore 실패: %1</translation>
    </message>
    <message>
        <source>The backup is the database itself.</source>
        <translation>백업 파일이 데이터베이스 파일 자체입니다.</translation>
    </message>
    <message>
        <source>Cannot keep the current database as %1.</source>
        <translation>현재 데이터베이스를 다음 이름으로 보관할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Cannot copy the backup next to the database %1.</source>
        <translation>백업을 데이터베이스 %1 옆으로 복사할 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot put the restored database in place at %1.</source>
        <translation>복원한 데이터베이스를 %1 위치에 놓을 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::BalanceDialog</name>
    <message>
        <source>Balance due at check-in</source>
        <translation>체크인 때 받을 잔금</translation>
    </message>
    <message>
        <source>Booking %1 was booked with a deposit of %2. &lt;b&gt;Balance due: %3&lt;/b&gt;</source>
        <translation>예약 %1: 예약금 %2 결제 완료. &lt;b&gt;잔금: %3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>현금</translation>
    </message>
    <message>
        <source>Card machine at the desk</source>
        <translation>프런트 카드 단말기</translation>
    </message>
    <message>
        <source>Paid &amp;by</source>
        <translation>결제 방법(&amp;B)</translation>
    </message>
    <message>
        <source>Check in &amp;without the balance (it stays due)</source>
        <translation>잔금 없이 체크인(&amp;W) (잔금은 남음)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>사유(&amp;R)</translation>
    </message>
    <message>
        <source>Give a reason for checking in with the balance unpaid.</source>
        <translation>잔금 없이 체크인하는 사유를 입력하세요.</translation>
    </message>
    <message>
        <source>Check &amp;in without it</source>
        <translation>잔금 없이 체크인(&amp;I)</translation>
    </message>
    <message>
        <source>Take the balance and check &amp;in</source>
        <translation>잔금 받고 체크인(&amp;I)</translation>
    </message>
    <message>
        <source>Waiting for the payment…</source>
        <translation>결제를 기다리는 중…</translation>
    </message>
    <message>
        <source>This way of paying is not set up on this terminal.</source>
        <translation>이 결제 방법은 이 단말기에 설정되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Take the balance</source>
        <translation>잔금 받기</translation>
    </message>
    <message>
        <source>Booking %1 has paid %2 so far. &lt;b&gt;Balance due: %3&lt;/b&gt;</source>
        <translation>예약 %1: 지금까지 %2 결제. &lt;b&gt;잔금: %3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Take the balance</source>
        <translation>잔금 받기(&amp;T)</translation>
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
    <message>
        <source>won</source>
        <extracomment>unit after a price field</extracomment>
        <translation>원</translation>
    </message>
    <message>
        <source>At most %1 won per night (Settings).</source>
        <translation>1박에 최대 %1원까지 입력할 수 있습니다(설정).</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>정보</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>사진</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>The longest RV, caravan or trailer this site takes. Bookings with longer equipment are refused.</source>
        <translation>이 사이트에 들어갈 수 있는 가장 긴 캠핑카·카라반·트레일러 길이입니다. 더 긴 장비의 예약은 거절됩니다.</translation>
    </message>
    <message>
        <source>Longest R&amp;V or caravan:</source>
        <translation>최대 캠핑카·카라반 길이(&amp;V):</translation>
    </message>
</context>
<context>
    <name>campdesk::CampsiteStatusModel</name>
    <message>
        <source>Available</source>
        <translation>예약가능</translation>
    </message>
    <message>
        <source>Arriving today</source>
        <translation>오늘 도착</translation>
    </message>
    <message>
        <source>Occupied</source>
        <translation>투숙 중</translation>
    </message>
    <message>
        <source>Departing today</source>
        <translation>오늘 출발</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>정비 중</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>운영 종료</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n guest(s), until %2)</source>
        <translation>
            <numerusform>%1 (%n명, %2까지)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%1% (%n night(s))</source>
        <translation>
            <numerusform>%1% (%n박)</numerusform>
        </translation>
    </message>
    <message>
        <source>₩%1</source>
        <translation>%1원</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n review(s))</source>
        <translation>
            <numerusform>%1 (리뷰 %n개)</numerusform>
        </translation>
    </message>
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
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Current guest</source>
        <translation>현재 투숙객</translation>
    </message>
    <message>
        <source>Next arrival</source>
        <translation>다음 도착</translation>
    </message>
    <message>
        <source>Next 30 nights</source>
        <translation>향후 30박</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>매출</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>평점</translation>
    </message>
</context>
<context>
    <name>campdesk::CampsiteStatusPage</name>
    <message>
        <source>Find a campsite, zone or guest</source>
        <translation>캠핑장, 구역 또는 고객 검색</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>%1 of %2 campsites</source>
        <translation>캠핑장 %2곳 중 %1곳</translation>
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
        <translation>%1 (%2) 캠핑 사이트를 삭제할까요?

예약이나 리뷰가 한 번도 없던 사이트는 삭제됩니다. 이력이 있는 사이트는 대신 운영 종료되어 보고서에는 남지만 더 이상 예약할 수 없습니다.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Campsite %1 was deleted.</source>
        <translation>%1 캠핑 사이트를 삭제했습니다.</translation>
    </message>
    <message>
        <source>Campsite %1 has bookings or reviews, so it was retired.</source>
        <translation>%1 캠핑 사이트는 예약이나 리뷰 이력이 있어 운영 종료했습니다.</translation>
    </message>
    <message>
        <source>%1 – %2 · %3: %4</source>
        <translation>%1 – %2 · %3: %4</translation>
    </message>
    <message>
        <source>No dates blocked ahead for this campsite.</source>
        <translation>이 캠핑사이트는 앞으로 막힌 날짜가 없습니다.</translation>
    </message>
    <message>
        <source>Blocked dates ahead:</source>
        <translation>앞으로 막힌 날짜:</translation>
    </message>
</context>
<context>
    <name>campdesk::CancelDialog</name>
    <message>
        <source>Refund a different amount</source>
        <translation>다른 금액 환불</translation>
    </message>
    <message>
        <source>Cancel booking %1</source>
        <translation>예약 %1 취소</translation>
    </message>
    <message>
        <source>Why (required when the refund is changed)</source>
        <translation>사유 (환불액을 바꿀 때 필수)</translation>
    </message>
    <message>
        <source>Cancel the &amp;booking</source>
        <translation>예약 취소(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>유지(&amp;K)</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>환불액</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message numerus="yes">
        <source>Paid %1. Cancelling %n day(s) before check-in refunds %2% by the rules: &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>
            <numerusform>결제 %1. 체크인 %n일 전 취소는 규정상 %2% 환불: &lt;b&gt;%3&lt;/b&gt;.</numerusform>
        </translation>
    </message>
    <message>
        <source>The %1 points used are returned; the points this booking earned are deducted.</source>
        <translation>사용한 %1 포인트는 돌려드리고, 이 예약으로 적립된 포인트는 차감됩니다.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>환불액을 바꾸는 사유를 입력하세요.</translation>
    </message>
    <message>
        <source>%1 points this booking earned were already spent: the refund is %2 less.</source>
        <translation>이 예약으로 적립된 %1포인트가 이미 사용되어 환불액이 %2 줄어듭니다.</translation>
    </message>
    <message>
        <source>won</source>
        <translation>원</translation>
    </message>
    <message>
        <source>The booking&apos;s first payment</source>
        <translation>예약 때 한 첫 결제</translation>
    </message>
    <message>
        <source>The balance payment</source>
        <translation>잔금 결제</translation>
    </message>
    <message>
        <source>The payment for a change</source>
        <translation>예약 변경 결제</translation>
    </message>
    <message>
        <source>Payment %1</source>
        <translation>결제 %1</translation>
    </message>
    <message>
        <source>%1: %2 back of %3</source>
        <translation>%1: %3 중 %2 환불</translation>
    </message>
    <message>
        <source>%1: nothing back (keeps %2)</source>
        <translation>%1: 환불 없음(%2 유지)</translation>
    </message>
    <message numerus="yes">
        <source>Given back across %n payment(s), the newest first:</source>
        <translation>
            <numerusform>결제 %n건에 나눠 최근 결제부터 환불합니다:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>campdesk::ChangeDialog</name>
    <message>
        <source>Refund another amount</source>
        <translation>다른 금액으로 환불</translation>
    </message>
    <message>
        <source>Change booking %1</source>
        <translation>예약 %1 변경</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>현금</translation>
    </message>
    <message>
        <source>Desk card machine</source>
        <translation>프런트 카드 단말기</translation>
    </message>
    <message>
        <source>Why the refund differs from the rule</source>
        <translation>규정과 다른 환불액의 사유</translation>
    </message>
    <message>
        <source>guests</source>
        <translation>명</translation>
    </message>
    <message>
        <source>won</source>
        <translation>원</translation>
    </message>
    <message>
        <source>&amp;Campsite:</source>
        <translation>캠핑사이트(&amp;C):</translation>
    </message>
    <message>
        <source>Check-&amp;in:</source>
        <translation>체크인(&amp;I):</translation>
    </message>
    <message>
        <source>Check-&amp;out:</source>
        <translation>체크아웃(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Guests:</source>
        <translation>인원(&amp;G):</translation>
    </message>
    <message>
        <source>&amp;Difference paid by:</source>
        <translation>차액 정산(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Refund:</source>
        <translation>환불액(&amp;R):</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>사유(&amp;E):</translation>
    </message>
    <message>
        <source>C&amp;hange booking</source>
        <translation>예약 변경(&amp;H)</translation>
    </message>
    <message numerus="yes">
        <source>Now: %1 %2, %3 – %4, %n guest(s), paid %5</source>
        <translation>
            <numerusform>현재: %1 %2, %3 – %4, %n명, 결제 %5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>New price: &lt;b&gt;%1&lt;/b&gt; for %n night(s).</source>
        <translation>
            <numerusform>새 요금: %n박 &lt;b&gt;%1&lt;/b&gt;.</numerusform>
        </translation>
    </message>
    <message>
        <source>To pay now at the desk: &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>지금 프런트에서 받을 금액: &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message numerus="yes">
        <source>%1 cheaper; refund &lt;b&gt;%2&lt;/b&gt; (%3% by the cancellation rule, %n day(s) before).</source>
        <translation>
            <numerusform>%1 저렴해짐. 환불 &lt;b&gt;%2&lt;/b&gt; (취소 규정 %3%, %n일 전).</numerusform>
        </translation>
    </message>
    <message>
        <source>The balance due at check-in becomes &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>체크인 때 받을 잔금이 바뀝니다: &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nothing to pay or refund.</source>
        <translation>추가 결제나 환불이 없습니다.</translation>
    </message>
    <message>
        <source>Changing the booking…</source>
        <translation>예약을 변경하는 중…</translation>
    </message>
    <message>
        <source>Of the guests; at least one is an adult</source>
        <translation>인원 중 어린이 수이며, 성인이 한 명 이상 있어야 합니다</translation>
    </message>
    <message>
        <source>children</source>
        <translation>어린이</translation>
    </message>
    <message>
        <source>vehicles</source>
        <translation>대</translation>
    </message>
    <message>
        <source>Chi&amp;ldren:</source>
        <translation>어린이(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Vehicles:</source>
        <translation>차량(&amp;V):</translation>
    </message>
    <message numerus="yes">
        <source>This site takes at most %n guest(s)</source>
        <translation>
            <numerusform>이 사이트는 최대 %n명까지 이용할 수 있습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose another site, other dates or another party.</source>
        <translation>다른 사이트, 날짜 또는 인원 구성을 선택하세요.</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n child(ren)</source>
        <translation>
            <numerusform>어린이 %n명</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n vehicle(s)</source>
        <translation>
            <numerusform>차량 %n대</numerusform>
        </translation>
    </message>
    <message>
        <source>It goes back to the guest&apos;s card through the payment service.</source>
        <translation>결제 서비스를 통해 고객 카드로 환불됩니다.</translation>
    </message>
    <message>
        <source>Card through the payment service</source>
        <translation>결제 서비스 카드</translation>
    </message>
    <message>
        <source>Changing the booking and giving the refund back through the payment service…</source>
        <translation>예약을 변경하고 결제 서비스로 환불하는 중…</translation>
    </message>
    <message>
        <source>Booking changed</source>
        <translation>예약 변경됨</translation>
    </message>
    <message>
        <source>To pay now: &lt;b&gt;%1&lt;/b&gt;, charged to the guest&apos;s card through the payment service; the booking changes only once it is approved.</source>
        <translation>지금 결제할 금액: &lt;b&gt;%1&lt;/b&gt;. 결제 서비스를 통해 손님 카드로 결제되며, 승인된 뒤에만 예약이 바뀝니다.</translation>
    </message>
    <message>
        <source>Charging the guest&apos;s card through the payment service, then changing the booking…</source>
        <translation>결제 서비스로 손님 카드에 결제한 뒤 예약을 변경하는 중…</translation>
    </message>
</context>
<context>
    <name>campdesk::CheckOutDialog</name>
    <message>
        <source>Give back a different amount</source>
        <translation>다른 금액으로 환불</translation>
    </message>
    <message>
        <source>Check out %1</source>
        <translation>체크아웃 %1</translation>
    </message>
    <message>
        <source>Why (required when the refund is changed)</source>
        <translation>이유 (환불 금액을 바꿀 때 필수)</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>현금</translation>
    </message>
    <message>
        <source>Desk card machine</source>
        <translation>프런트 카드 단말기</translation>
    </message>
    <message>
        <source>Check &amp;out</source>
        <translation>체크아웃(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>나중에(&amp;N)</translation>
    </message>
    <message>
        <source>won</source>
        <translation>원</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>환불 금액</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>Given back by</source>
        <translation>환불 방법</translation>
    </message>
    <message>
        <source>Check out %1?</source>
        <translation>%1 체크아웃할까요?</translation>
    </message>
    <message numerus="yes">
        <source>The guest is leaving early: %n night(s) from %1 become free (sold for %2).</source>
        <translation>
            <numerusform>손님이 일찍 떠납니다. %1부터 %n박이 다시 예약 가능해집니다(판매 금액 %2).</numerusform>
        </translation>
    </message>
    <message>
        <source>The balance due goes down from %1 to %2.</source>
        <translation>남은 잔금이 줄어듭니다: %1 → %2.</translation>
    </message>
    <message>
        <source>The balance of %1 stays due; it can be taken from the booking later.</source>
        <translation>잔금 %1은 그대로 남습니다. 나중에 예약에서 받을 수 있습니다.</translation>
    </message>
    <message>
        <source>Paid for these nights: %1. Leaving on the day refunds %2% by the rules: &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>이 숙박에 대해 결제한 금액: %1. 규정상 당일 퇴실은 %2%를 환불합니다: &lt;b&gt;%3&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Give a reason for changing the refund.</source>
        <translation>환불 금액을 바꾸는 이유를 적어 주세요.</translation>
    </message>
    <message>
        <source>The guest gets back &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>손님이 돌려받는 금액: &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>The guest gets nothing back for the unused nights.</source>
        <translation>남은 숙박에 대해 돌려받는 금액은 없습니다.</translation>
    </message>
    <message>
        <source>Paid or still owed for these nights: %1. Leaving on the day lets the guest off %2% by the rules: &lt;b&gt;%3&lt;/b&gt;, off the balance first.</source>
        <translation>이 숙박에 대해 결제했거나 남은 잔금: %1. 규정상 당일 퇴실은 %2%를 빼 줍니다: &lt;b&gt;%3&lt;/b&gt;. 남은 잔금에서 먼저 뺍니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::CustomerEditorDialog</name>
    <message>
        <source>Agrees to booking messages by SMS</source>
        <translation>예약 문자 수신 동의</translation>
    </message>
    <message>
        <source>010-1234-5678</source>
        <translation>010-1234-5678</translation>
    </message>
    <message>
        <source>Seen by staff only, e.g. prefers a quiet site</source>
        <translation>직원만 봅니다. 예: 조용한 사이트 선호</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>이름(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>전화번호(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>이메일(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Messages in</source>
        <translation>알림 언어(&amp;M)</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>메모(&amp;O)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>고객 %1</translation>
    </message>
    <message>
        <source>Notes can be at most 1,000 characters.</source>
        <translation>메모는 1,000자까지 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>예약 번호</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>사이트</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>숙박</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>결제액</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>일시</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>포인트</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>잔액</translation>
    </message>
    <message>
        <source>Bookings (%1)</source>
        <translation>예약 (%1)</translation>
    </message>
    <message>
        <source>Points (%1)</source>
        <translation>포인트 (%1)</translation>
    </message>
</context>
<context>
    <name>campdesk::CustomerTableModel</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>포인트</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>Customer since</source>
        <translation>가입일</translation>
    </message>
</context>
<context>
    <name>campdesk::CustomersPage</name>
    <message>
        <source>Customers and mileage</source>
        <translation>고객 및 마일리지</translation>
    </message>
    <message>
        <source>Show &amp;bookings</source>
        <translation>예약 보기(&amp;B)</translation>
    </message>
    <message>
        <source>Name, phone or e-mail</source>
        <translation>이름, 전화번호 또는 이메일</translation>
    </message>
    <message>
        <source>Adjust points…</source>
        <translation>포인트 조정…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mileage ledger&lt;/b&gt; — select a customer</source>
        <translation>&lt;b&gt;마일리지 내역&lt;/b&gt; — 고객을 선택하세요</translation>
    </message>
    <message>
        <source>&lt;b&gt;Mileage ledger of %1&lt;/b&gt; — balance %2 points</source>
        <translation>&lt;b&gt;%1 님의 마일리지 내역&lt;/b&gt; — 잔액 %2 포인트</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>수정(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>campdesk::DashboardPage</name>
    <message>
        <source>Arrivals today</source>
        <translation>오늘 도착</translation>
    </message>
    <message>
        <source>Departures today</source>
        <translation>오늘 출발</translation>
    </message>
    <message>
        <source>Guests on site</source>
        <translation>현재 투숙 인원</translation>
    </message>
    <message>
        <source>Occupancy tonight</source>
        <translation>오늘 밤 점유율</translation>
    </message>
    <message>
        <source>Revenue this month</source>
        <translation>이번 달 매출</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>점유율</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>매출</translation>
    </message>
    <message>
        <source>Reservations by status</source>
        <translation>상태별 예약</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>리뷰</translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n점</numerusform>
        </translation>
    </message>
    <message>
        <source>Campsites</source>
        <translation>캠핑장</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>적립</translation>
    </message>
    <message>
        <source>Deducted</source>
        <translation>차감</translation>
    </message>
    <message>
        <source>The dashboard could not be updated: %1</source>
        <translation>대시보드를 갱신하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>₩%1</source>
        <translation>%1원</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 of %2 campsites</source>
        <translation>캠핑장 %2곳 중 %1곳</translation>
    </message>
    <message>
        <source>Occupancy, %1 to %2 (%)</source>
        <translation>점유율, %1 ~ %2 (%)</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 ~ %2</translation>
    </message>
    <message>
        <source>Revenue by month, %1 (millions of won)</source>
        <translation>월별 매출, %1 (백만 원)</translation>
    </message>
    <message>
        <source>Revenue by month, %1 (thousands of won)</source>
        <translation>월별 매출, %1 (천 원)</translation>
    </message>
    <message>
        <source>Points credited and deducted by month, %1</source>
        <translation>월별 마일리지 적립·차감, %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Ratings: average %1 from %n review(s)</source>
        <translation>
            <numerusform>평점: 리뷰 %n개, 평균 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Ratings: no reviews yet</source>
        <translation>평점: 아직 리뷰 없음</translation>
    </message>
    <message>
        <source>Campsites by average rating (%1 rated)</source>
        <translation>평균 평점별 캠핑장 (%1곳 평가됨)</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <comment>QDate format of a month and its year</comment>
        <translation>yyyy년 M월</translation>
    </message>
    <message>
        <source>Balances due</source>
        <translation>미수 잔금</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Today&apos;s arrivals: %1 owing %2</source>
        <translation>오늘 도착: %1건, 잔금 %2</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>숙박</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>추가 상품</translation>
    </message>
    <message>
        <source>Stay and extras sold by arrival day, %1 to %2 (thousands of won)</source>
        <translation>도착일별 숙박·추가 상품 판매액, %1 ~ %2 (천 원)</translation>
    </message>
    <message>
        <source>Stay %1</source>
        <translation>숙박 %1</translation>
    </message>
    <message>
        <source>Extras %1</source>
        <translation>추가 상품 %1</translation>
    </message>
</context>
<context>
    <name>campdesk::DaySheetModel</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Booked by %1</source>
        <translation>예약자: %1</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>사이트</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>투숙객</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>차량</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>장비</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>숙박</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>결제액</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>잔액</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>campdesk::DaySheetsPage</name>
    <message>
        <source>◀ Previous day</source>
        <translation>◀ 전날</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>오늘(&amp;T)</translation>
    </message>
    <message>
        <source>Next day ▶</source>
        <translation>다음 날 ▶</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>인쇄(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>PDF로 저장(&amp;D)…</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>날짜:</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>입실 예정</translation>
    </message>
    <message>
        <source>Departures</source>
        <translation>퇴실</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>투숙 중</translation>
    </message>
    <message>
        <source>Cash-up</source>
        <translation>일일 정산</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>결제 수단</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>직원</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>결제 건수</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>받은 금액</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>환불 건수</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>환불 금액</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>순액</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Taken %1, refunded %2: %3 for the day.</source>
        <translation>받은 금액 %1, 환불 %2: 이 날 순액 %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n arrival(s)</source>
        <translation>
            <numerusform>입실 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n departure(s)</source>
        <translation>
            <numerusform>퇴실 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) occupied</source>
        <translation>
            <numerusform>사용 중인 사이트 %n곳</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message>
        <source>still to pay %1</source>
        <translation>미결제 %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>arrivals</source>
        <translation>입실</translation>
    </message>
    <message>
        <source>departures</source>
        <translation>퇴실</translation>
    </message>
    <message>
        <source>on-site</source>
        <translation>투숙중</translation>
    </message>
    <message>
        <source>cash-up</source>
        <translation>정산</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDF로 저장</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>%1에 저장했습니다</translation>
    </message>
    <message>
        <source>&amp;Open booking…</source>
        <translation>예약 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Take the &amp;balance…</source>
        <translation>잔금 받기(&amp;B)…</translation>
    </message>
    <message>
        <source>Reading the day&apos;s bookings…</source>
        <translation>그날의 예약을 불러오는 중…</translation>
    </message>
    <message>
        <source>The bookings of %1 are still being read. Try again in a moment.</source>
        <translation>%1의 예약을 아직 불러오는 중입니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>인쇄</translation>
    </message>
    <message>
        <source>The payments of %1 are still being read. Try again in a moment.</source>
        <translation>%1의 결제를 아직 불러오는 중입니다. 잠시 후 다시 시도하세요.</translation>
    </message>
</context>
<context>
    <name>campdesk::DeskActions</name>
    <message>
        <source>Block dates</source>
        <translation>날짜 막기</translation>
    </message>
    <message>
        <source>Open dates again</source>
        <translation>날짜 다시 열기</translation>
    </message>
    <message>
        <source>Open these dates again for bookings? The block and its reason are removed.</source>
        <translation>이 날짜를 다시 예약받을까요? 예약 막기와 그 사유가 삭제됩니다.</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>다시 열기</translation>
    </message>
    <message>
        <source>Change booking</source>
        <translation>예약 변경</translation>
    </message>
</context>
<context>
    <name>campdesk::DeskBookingDialog</name>
    <message>
        <source>Cash</source>
        <translation>현금</translation>
    </message>
    <message>
        <source>Card machine at the desk</source>
        <translation>프런트 카드 단말기</translation>
    </message>
    <message>
        <source>New desk booking</source>
        <translation>새 프런트 예약</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>숙박</translation>
    </message>
    <message>
        <source>&amp;Campsite</source>
        <translation>사이트(&amp;C)</translation>
    </message>
    <message>
        <source>Check-&amp;in</source>
        <translation>체크인(&amp;I)</translation>
    </message>
    <message>
        <source>Check-&amp;out</source>
        <translation>체크아웃(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Guests</source>
        <translation>인원(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Redeem</source>
        <translation>포인트 사용(&amp;R)</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>요금</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>결제</translation>
    </message>
    <message>
        <source>Waiting for the payment…</source>
        <translation>결제를 기다리는 중…</translation>
    </message>
    <message>
        <source>Book and &amp;pay</source>
        <translation>예약 및 결제(&amp;P)</translation>
    </message>
    <message>
        <source>No campsite can be booked.</source>
        <translation>예약할 수 있는 사이트가 없습니다.</translation>
    </message>
    <message>
        <source>Free for these dates: %1</source>
        <translation>이 날짜에 빈 사이트: %1</translation>
    </message>
    <message>
        <source>guests</source>
        <extracomment>unit after the number of guests</extracomment>
        <translation>명</translation>
    </message>
    <message>
        <source>points</source>
        <extracomment>unit after the points to redeem</extracomment>
        <translation>포인트</translation>
    </message>
    <message>
        <source>Check-in cannot be in the past (today is %1).</source>
        <translation>체크인 날짜가 지났습니다(오늘은 %1).</translation>
    </message>
    <message>
        <source>Check-out must be after check-in.</source>
        <translation>체크아웃은 체크인 다음 날 이후여야 합니다.</translation>
    </message>
    <message>
        <source>At most %1 points (the balance, up to the price).</source>
        <translation>최대 %1포인트까지 쓸 수 있습니다(잔액, 요금 한도).</translation>
    </message>
    <message>
        <source>children</source>
        <extracomment>unit after the number of children among the guests</extracomment>
        <translation>어린이</translation>
    </message>
    <message>
        <source>vehicles</source>
        <extracomment>unit after the number of vehicles</extracomment>
        <translation>대</translation>
    </message>
    <message numerus="yes">
        <source>Total for %n night(s): %1&lt;br&gt;Points used: %2 (balance %3)&lt;br&gt;&lt;b&gt;To pay: %4&lt;/b&gt; · earns %5 points</source>
        <translation>
            <numerusform>%n박 합계: %1&lt;br&gt;사용 포인트: %2(잔액 %3)&lt;br&gt;&lt;b&gt;결제 금액: %4&lt;/b&gt; · 적립 %5포인트</numerusform>
        </translation>
    </message>
    <message>
        <source>Guest details (optional)</source>
        <translation>투숙객 정보 (선택)</translation>
    </message>
    <message>
        <source>Pay in &amp;full</source>
        <translation>전액 결제(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Deposit now, balance at check-in</source>
        <translation>예약금 결제, 잔금은 체크인 때(&amp;D)</translation>
    </message>
    <message>
        <source>Deposits are turned off in Settings.</source>
        <translation>설정에서 예약금이 꺼져 있습니다.</translation>
    </message>
    <message>
        <source>E&amp;xtras</source>
        <translation>추가 상품(&amp;X)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deposit now: %1&lt;/b&gt; · balance due at check-in: %2</source>
        <translation>&lt;b&gt;지금 예약금: %1&lt;/b&gt; · 체크인 때 잔금: %2</translation>
    </message>
    <message>
        <source>No site is free for these dates and this many guests.</source>
        <translation>이 날짜와 인원에 맞는 빈 캠핑사이트가 없습니다.</translation>
    </message>
    <message>
        <source>Join the &amp;waitlist…</source>
        <translation>대기 명단에 올리기(&amp;W)…</translation>
    </message>
    <message>
        <source>Join the waitlist</source>
        <translation>대기 명단에 올리기</translation>
    </message>
    <message numerus="yes">
        <source>Add %1 (%2) to the waitlist for %3, %n guest(s)? When a site frees up they get an offer by text message and e-mail.</source>
        <translation>
            <numerusform>%1님(%2)을 %3, %n명으로 대기 명단에 올릴까요? 캠핑사이트가 비면 문자와 이메일로 제안을 받습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Join</source>
        <translation>올리기</translation>
    </message>
    <message>
        <source>%1 is on the waitlist for %2.</source>
        <translation>%1님을 %2 대기 명단에 올렸습니다.</translation>
    </message>
    <message>
        <source>The kind of site the customer waits for</source>
        <translation>손님이 기다리는 캠핑사이트 종류</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>모든 종류</translation>
    </message>
</context>
<context>
    <name>campdesk::ExtrasTab</name>
    <message>
        <source>Sold at the kiosk too</source>
        <translation>키오스크에서도 판매</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>판매 중</translation>
    </message>
    <message>
        <source>&amp;Save extra</source>
        <translation>추가 상품 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Priced</source>
        <extracomment>how an extra is priced: per stay, per night, per unit</extracomment>
        <translation>가격 기준</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>가격</translation>
    </message>
    <message>
        <source>Stock</source>
        <extracomment>how many are left to sell; empty = unlimited</extracomment>
        <translation>재고</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>키오스크</translation>
    </message>
    <message>
        <source>New extra</source>
        <translation>새 추가 상품</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>무제한</translation>
    </message>
    <message>
        <source>won</source>
        <translation>원</translation>
    </message>
    <message>
        <source>Order in lists</source>
        <translation>목록 순서</translation>
    </message>
    <message>
        <source>Extra</source>
        <translation>추가 상품</translation>
    </message>
    <message>
        <source>Stock counts items per booking, not per night: a booking takes them when it is made and gives them back when it is cancelled, unless staff marked them consumed.</source>
        <translation>재고는 1박이 아니라 예약 단위로 셉니다. 예약할 때 빠지고, 예약이 취소되면 돌아옵니다. 단, 직원이 사용함으로 표시한 것은 돌아오지 않습니다.</translation>
    </message>
    <message>
        <source>%1 (not offered)</source>
        <translation>%1 (판매 안 함)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니요</translation>
    </message>
</context>
<context>
    <name>campdesk::FirstManagerDialog</name>
    <message>
        <source>Create the first manager account</source>
        <translation>첫 관리자 계정 만들기</translation>
    </message>
    <message>
        <source>This database has no staff account yet. Create the manager&apos;s account: it can then add the other staff under Users.

Database: %1</source>
        <translation>이 데이터베이스에는 아직 직원 계정이 없습니다. 관리자 계정을 만드세요. 그 계정으로 사용자 메뉴에서 다른 직원을 추가할 수 있습니다.

데이터베이스: %1</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>아이디(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>이름(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>비밀번호(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;peat password</source>
        <translation>비밀번호 확인(&amp;P)</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>계정 만들기</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>두 비밀번호가 다릅니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::GroupBookingDialog</name>
    <message>
        <source>&amp;Add a site</source>
        <translation>사이트 추가(&amp;A)</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>현금</translation>
    </message>
    <message>
        <source>Card machine at the desk</source>
        <translation>프런트 카드 단말기</translation>
    </message>
    <message>
        <source>Group booking</source>
        <translation>단체 예약</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>결제자</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>사이트</translation>
    </message>
    <message>
        <source>One payment for the group</source>
        <translation>단체 전체 한 번 결제</translation>
    </message>
    <message>
        <source>Waiting for the payment…</source>
        <translation>결제를 기다리는 중…</translation>
    </message>
    <message>
        <source>Book all and &amp;pay</source>
        <translation>모두 예약하고 결제(&amp;P)</translation>
    </message>
    <message>
        <source>guests</source>
        <extracomment>unit after the number of guests on one site of a group</extracomment>
        <translation>명</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message numerus="yes">
        <source>%1. %n night(s), %2</source>
        <translation>
            <numerusform>%1. %n박, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;To pay for %n site(s): %1&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;사이트 %n곳 결제 금액: %1&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>캠핑사이트</translation>
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
</context>
<context>
    <name>campdesk::GroupChangeDialog</name>
    <message>
        <source>Cash</source>
        <translation>현금</translation>
    </message>
    <message>
        <source>Desk card machine</source>
        <translation>프런트 카드 단말기</translation>
    </message>
    <message>
        <source>Change group %1</source>
        <translation>단체 예약 %1 변경</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation>일</translation>
    </message>
    <message>
        <source> night(s)</source>
        <translation>박</translation>
    </message>
    <message>
        <source>Change the &amp;group</source>
        <translation>단체 변경(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>유지(&amp;K)</translation>
    </message>
    <message>
        <source>Every site of the group still booked moves by the same number of days, and each stay can be made the same number of nights longer or shorter. Each site keeps its guests; prices and refunds are as for one booking.</source>
        <translation>단체 예약에서 아직 예약된 모든 사이트의 날짜를 같은 일수만큼 옮기고, 숙박을 같은 박수만큼 늘리거나 줄일 수 있습니다. 사이트별 인원은 그대로이며, 요금과 환불은 예약 한 건과 같은 규정을 따릅니다.</translation>
    </message>
    <message>
        <source>Move the dates by</source>
        <translation>날짜 이동</translation>
    </message>
    <message>
        <source>Nights more (or fewer)</source>
        <translation>숙박 늘리기(줄이기)</translation>
    </message>
    <message>
        <source>Difference settled by</source>
        <translation>차액 정산 방법</translation>
    </message>
    <message>
        <source>same price</source>
        <translation>요금 같음</translation>
    </message>
    <message>
        <source>%1 to pay</source>
        <translation>추가 결제 %1</translation>
    </message>
    <message>
        <source>%1 back (%2% of %3)</source>
        <translation>환불 %1 (%3의 %2%)</translation>
    </message>
    <message>
        <source>To take now: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>지금 받을 금액: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>To give back: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>돌려드릴 금액: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nothing to pay or give back.</source>
        <translation>추가로 받거나 돌려드릴 금액이 없습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::GuestDetailsForm</name>
    <message>
        <source>e.g. 12가3456</source>
        <translation>예: 12가3456</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>입력 안 함</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>Seen by staff only, e.g. arrives late, needs an electric hook-up</source>
        <translation>직원만 봅니다. 예: 늦게 도착, 전기 필요</translation>
    </message>
    <message>
        <source>Guest &amp;name</source>
        <translation>투숙객 이름(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Vehicles</source>
        <translation>차량(&amp;V)</translation>
    </message>
    <message>
        <source>E&amp;quipment</source>
        <translation>장비(&amp;Q)</translation>
    </message>
    <message>
        <source>Staff &amp;notes</source>
        <translation>직원 메모(&amp;O)</translation>
    </message>
    <message>
        <source>The customer&apos;s name when left empty</source>
        <translation>비워 두면 예약자 이름</translation>
    </message>
    <message>
        <source>%1 (the customer) when left empty</source>
        <translation>비워 두면 예약자 이름(%1)</translation>
    </message>
</context>
<context>
    <name>campdesk::HealthCheck</name>
    <message>
        <source>Overall: %1 (exit code %2)</source>
        <translation>전체: %1 (종료 코드 %2)</translation>
    </message>
    <message>
        <source>The database file %1 does not exist.</source>
        <translation>데이터베이스 파일이 없습니다: %1</translation>
    </message>
    <message>
        <source>Schema version %1 is current.</source>
        <translation>스키마 버전 %1: 최신입니다.</translation>
    </message>
    <message>
        <source>This is not a Campdesk database (no schema).</source>
        <translation>Campdesk 데이터베이스가 아닙니다(스키마 없음).</translation>
    </message>
    <message>
        <source>Schema version %1 is older than %2: start Campdesk once to upgrade it.</source>
        <translation>스키마 버전 %1: %2보다 오래되었습니다. Campdesk를 한 번 실행하면 업그레이드됩니다.</translation>
    </message>
    <message>
        <source>Schema version %1 is newer than this program knows (%2): install the newer Campdesk.</source>
        <translation>스키마 버전 %1: 이 프로그램이 아는 버전(%2)보다 새롭습니다. 새 버전의 Campdesk를 설치하세요.</translation>
    </message>
    <message>
        <source>Every booking invariant holds.</source>
        <translation>모든 예약 불변식이 지켜지고 있습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n booking invariant violation(s): %1</source>
        <translation>
            <numerusform>예약 불변식 위반 %n건: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No payment gateway is configured.</source>
        <translation>결제 게이트웨이가 설정되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>The gateway address %1 is not valid.</source>
        <translation>게이트웨이 주소가 올바르지 않습니다: %1</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>응답 없음</translation>
    </message>
    <message>
        <source>%1 answered in %2 ms.</source>
        <translation>%1: %2 ms 만에 응답했습니다.</translation>
    </message>
    <message>
        <source>%1 is not reachable: %2. Card payments at the kiosk will fail.</source>
        <translation>%1에 연결할 수 없습니다: %2. 키오스크의 카드 결제가 실패합니다.</translation>
    </message>
    <message>
        <source>The payment circuit breaker has never opened.</source>
        <translation>결제 서킷 브레이커가 열린 적이 없습니다.</translation>
    </message>
    <message>
        <source>The payment circuit breaker is closed (since %1).</source>
        <translation>결제 서킷 브레이커가 닫혀 있습니다(%1부터).</translation>
    </message>
    <message>
        <source>The payment circuit breaker is %1 since %2: payments are paused.</source>
        <translation>결제 서킷 브레이커가 %2부터 %1 상태입니다. 결제가 일시 중지되었습니다.</translation>
    </message>
    <message>
        <source>No notification is waiting.</source>
        <translation>대기 중인 알림이 없습니다.</translation>
    </message>
    <message>
        <source>No terminal was seen in the last %1.</source>
        <translation>최근 %1 동안 확인된 단말기가 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n초</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n분</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n시간</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) waiting, the oldest for %1.</source>
        <translation>
            <numerusform>알림 %n건 대기 중, 가장 오래된 것은 %1째 대기 중입니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be sent and wait for a manager.</source>
        <translation>
            <numerusform>%n건은 보내지 못해 관리자의 조치를 기다립니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n terminal(s) seen recently: %1</source>
        <translation>
            <numerusform>최근 확인된 단말기 %n대: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Checked by campdesk --check (it reads every booking, too much to repeat every 30 seconds).</source>
        <translation>campdesk --check가 검사합니다(모든 예약을 읽으므로 30초마다 반복하기에는 너무 무겁습니다).</translation>
    </message>
    <message>
        <source>No payment needs attention.</source>
        <translation>조치가 필요한 결제가 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) need attention; the oldest: %1 (%2)</source>
        <translation>
            <numerusform>조치가 필요한 결제 %n건, 가장 오래된 것: %1 (%2)</numerusform>
        </translation>
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
    <message>
        <source>Site %1 · %2
%3 – %4 · %5</source>
        <translation>사이트 %1 · %2
%3 – %4 · %5</translation>
    </message>
    <message>
        <source>Paid: %1</source>
        <translation>결제 금액: %1</translation>
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
    <message>
        <source>MMMM yyyy</source>
        <extracomment>The calendar&apos;s header: year and month in this language&apos;s order, e.g. &quot;2026년 12월&quot; or &quot;December 2026&quot;. Use QLocale date format letters: yyyy year, M month number, MMMM month name.</extracomment>
        <translation>yyyy년 M월</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskExtrasPage</name>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Points can be used on the next screen.</source>
        <translation>마일리지는 다음 화면에서 사용할 수 있습니다.</translation>
    </message>
    <message>
        <source>Extras and your price</source>
        <translation>추가 상품과 요금</translation>
    </message>
    <message>
        <source>No extras are sold at this kiosk today. Ask at the front desk.</source>
        <translation>오늘은 키오스크에서 판매하는 추가 상품이 없습니다. 프런트에 문의해 주세요.</translation>
    </message>
    <message>
        <source>Your price</source>
        <translation>요금</translation>
    </message>
    <message>
        <source>%1
%2 %3</source>
        <extracomment>an extra at the kiosk: &quot;장작
10,000원 (개당)&quot;</extracomment>
        <translation>%1
%2 %3</translation>
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
    <message>
        <source>The car number plate looks wrong: write it like 12가3456, or leave it empty.</source>
        <translation>차량 번호가 올바르지 않습니다. 12가3456처럼 적거나 비워 두세요.</translation>
    </message>
    <message>
        <source>Of them, children</source>
        <translation>그중 어린이</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>차량</translation>
    </message>
    <message>
        <source>Car plate (optional)</source>
        <translation>차량 번호 (선택)</translation>
    </message>
    <message>
        <source>e.g. 12가3456</source>
        <translation>예: 12가3456</translation>
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
    <name>campdesk::KioskKeyboard</name>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>띄어쓰기</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskMileagePage</name>
    <message>
        <source>Pay %1</source>
        <translation>%1 결제하기</translation>
    </message>
    <message>
        <source>Book with points</source>
        <translation>마일리지로 예약하기</translation>
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
    <message>
        <source>none</source>
        <translation>사용 안 함</translation>
    </message>
    <message>
        <source>Check your booking</source>
        <translation>예약 내용을 확인하세요</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>사이트</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>%1 – %2 · %3</source>
        <translation>%1 – %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>%n night(s)</source>
        <translation>
            <numerusform>%n박</numerusform>
        </translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message>
        <source>Price</source>
        <translation>요금</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>마일리지</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>결제 금액</translation>
    </message>
    <message>
        <source>Points can be used at the front desk only.</source>
        <translation>마일리지는 프런트에서만 사용할 수 있습니다.</translation>
    </message>
    <message>
        <source>Have points? We text a code to your phone so that only you can use them.</source>
        <translation>마일리지가 있으신가요? 본인만 사용할 수 있도록 휴대전화로 인증번호를 보내 드립니다.</translation>
    </message>
    <message>
        <source>Use my points</source>
        <translation>마일리지 사용</translation>
    </message>
    <message>
        <source>Enter the 6-digit code we sent to your phone.</source>
        <translation>휴대전화로 받은 6자리 인증번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>인증번호</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>인증번호 다시 받기</translation>
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
    <message>
        <source>You have already used %1 points this booking earned, so %2 less is refunded.</source>
        <translation>이 예약으로 적립된 %1포인트를 이미 사용하셔서 %2 적게 환불됩니다.</translation>
    </message>
    <message>
        <source>One moment, please…</source>
        <translation>잠시만 기다려 주세요…</translation>
    </message>
    <message>
        <source>A site came free for you from the waitlist.
Site %1 · %2
%3 – %4 · %5
To pay: %6
Pay by %7 %8, or the site goes to the next person waiting.</source>
        <translation>대기하신 날짜에 자리가 나서 잡아 두었습니다.
사이트 %1 · %2
%3 – %4 · %5
결제금액: %6
%7 %8까지 결제하지 않으시면 다음 대기 손님께 넘어갑니다.</translation>
    </message>
    <message>
        <source>Pay now</source>
        <translation>지금 결제</translation>
    </message>
    <message>
        <source>Balance due at check-in: %1 (paid at the front desk)</source>
        <translation>체크인 때 결제할 잔금: %1 (프런트에서 결제)</translation>
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
    <name>campdesk::KioskSession</name>
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
        <source>Payments are busy</source>
        <translation>결제 혼잡</translation>
    </message>
    <message>
        <source>Payments are busy right now. Please try again in a little while, or pay at the front desk.</source>
        <translation>지금은 결제가 혼잡합니다. 잠시 후에 다시 시도하시거나 프런트에서 결제해 주세요.</translation>
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
        <source>Campdesk: your code is %1. It is valid for 5 minutes. Never tell it to anyone.</source>
        <extracomment>A text message with the one-time code; %1 is the code.</extracomment>
        <translation>[Campdesk] 인증번호 %1. 5분 동안 유효합니다. 누구에게도 알려 주지 마세요.</translation>
    </message>
    <message>
        <source>The code could not be sent just now. You can use your points at the front desk.</source>
        <translation>지금은 인증번호를 보낼 수 없습니다. 마일리지는 프런트에서 사용할 수 있습니다.</translation>
    </message>
    <message>
        <source>We could not find a booking with this code and phone number. Please check both and try again.</source>
        <extracomment>Shown after a wrong booking code or phone number, whichever was wrong.</extracomment>
        <translation>이 예약 번호와 전화번호로 예약을 찾을 수 없습니다. 두 가지를 확인하고 다시 시도해 주세요.</translation>
    </message>
    <message numerus="yes">
        <source>Please wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>%n초 후에 다시 시도해 주세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>This offer can no longer be paid</source>
        <translation>이 제안은 더 이상 결제할 수 없습니다</translation>
    </message>
    <message>
        <source>The site is no longer held for you. You can join the waitlist again or ask at the front desk.</source>
        <translation>사이트가 더 이상 고객님을 위해 확보되어 있지 않습니다. 대기 명단에 다시 등록하시거나 프런트에 문의해 주세요.</translation>
    </message>
    <message>
        <source>Site %1 is held for you until %2 at %3.</source>
        <translation>%1 사이트는 %2 %3까지 고객님을 위해 확보해 둡니다.</translation>
    </message>
    <message>
        <source>Pay with another card now, or come back with the same code before then.</source>
        <translation>지금 다른 카드로 결제하시거나, 그 전에 같은 예약 코드로 다시 오세요.</translation>
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
    <message numerus="yes">
        <source>Our largest site takes %n guest(s). Please book one site for each part of your group, or ask at the front desk.</source>
        <translation>
            <numerusform>가장 큰 사이트도 최대 %n명까지 이용할 수 있습니다. 일행을 나누어 사이트를 하나씩 예약하시거나 프런트에 문의하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>Site %1 is not free for your dates. Please choose a green round one.</source>
        <translation>선택하신 날짜에 예약할 수 없는 사이트입니다: %1. 초록색 동그라미를 선택해 주세요.</translation>
    </message>
    <message>
        <source>Show as list</source>
        <translation>목록으로 보기</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>배치도에서 보기</translation>
    </message>
    <message>
        <source>Free for your dates: tap to choose</source>
        <translation>선택한 날짜에 예약 가능: 눌러서 선택</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>예약 불가</translation>
    </message>
    <message>
        <source>Join the waitlist for these dates</source>
        <translation>이 날짜로 대기 명단에 올리기</translation>
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
    <message>
        <source>This kiosk is not set up yet</source>
        <translation>이 키오스크는 아직 준비되지 않았습니다</translation>
    </message>
    <message>
        <source>Sorry — bookings are not taken here yet. Please go to the front desk.</source>
        <translation>죄송합니다. 아직 이곳에서는 예약을 받지 않습니다. 프런트로 와 주세요.</translation>
    </message>
    <message>
        <source>The kiosk is being updated</source>
        <translation>키오스크를 업데이트하는 중입니다</translation>
    </message>
    <message>
        <source>Sorry — we cannot take bookings here for a few minutes while the system is being updated. Please go to the front desk, or come back shortly.</source>
        <translation>죄송합니다. 시스템을 업데이트하는 몇 분 동안 이곳에서는 예약을 받을 수 없습니다. 프런트로 오시거나 잠시 후에 다시 이용해 주세요.</translation>
    </message>
</context>
<context>
    <name>campdesk::KioskWaitlistPage</name>
    <message>
        <source>Join the waitlist</source>
        <translation>대기 명단에 올리기</translation>
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
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>휴대폰 번호</translation>
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
        <source>You are on the waitlist. We will send you a text message if a site frees up for your dates.</source>
        <translation>대기 명단에 올렸습니다. 원하시는 날짜에 자리가 나면 문자로 알려 드리겠습니다.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Nothing is free for these dates. If a site frees up, we hold it for you and text you a booking code to pay here or at the front desk.</source>
        <translation>지금은 빈 자리가 없습니다. 자리가 나면 잡아 두고 예약번호를 문자로 보내 드리니, 여기나 안내데스크에서 결제하세요.</translation>
    </message>
    <message>
        <source>Kind of site</source>
        <translation>사이트 종류</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>모든 종류</translation>
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
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>campdesk::Logging</name>
    <message>
        <source>Cannot create the log folder %1.</source>
        <translation>로그 폴더를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Cannot open the log file %1: %2</source>
        <translation>로그 파일을 열 수 없습니다: %1: %2</translation>
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
        <translation>내보냈습니다: %1</translation>
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
    <message>
        <source>New &amp;booking…</source>
        <translation>새 예약(&amp;B)…</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>예약 현황판</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>결제</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>고객</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>감사 기록</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>not connected: changes cannot be saved</source>
        <translation>연결 안 됨: 변경 내용을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>프런트(&amp;D)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>All campsites</source>
        <translation>전체 사이트 현황</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>리뷰</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>시스템 상태</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>내보내기를 취소했습니다</translation>
    </message>
    <message>
        <source>Site map</source>
        <translation>배치도</translation>
    </message>
    <message>
        <source>Day sheets</source>
        <translation>일일 현황</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>요금</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>대기 명단</translation>
    </message>
    <message>
        <source>&amp;Group booking…</source>
        <translation>단체 예약(&amp;G)…</translation>
    </message>
</context>
<context>
    <name>campdesk::MileageLedgerModel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>예약 번호</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>포인트</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>잔액</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
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
    <name>campdesk::NotificationTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>발송됨</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>발송 실패</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>취소 안내</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>확정 안내</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>SMS / messenger</source>
        <translation>문자 / 메신저</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>등록 시각</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>예약번호</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>채널</translation>
    </message>
    <message>
        <source>To</source>
        <translation>받는 사람</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>시도 횟수</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>다음 시도</translation>
    </message>
    <message>
        <source>Answer / error</source>
        <translation>응답 / 오류</translation>
    </message>
</context>
<context>
    <name>campdesk::NotificationsPage</name>
    <message>
        <source>&amp;Send again</source>
        <translation>다시 보내기(&amp;S)</translation>
    </message>
    <message>
        <source>Put a message that could not be sent back in the queue for a fresh set of attempts</source>
        <translation>보내지 못한 메시지를 다시 대기열에 넣어 처음부터 다시 시도합니다</translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>모든 메시지</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message numerus="yes">
        <source>%n messages</source>
        <translation>
            <numerusform>메시지 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>다시 보내기</translation>
    </message>
</context>
<context>
    <name>campdesk::NumberEdit</name>
    <message>
        <source>Enter a number.</source>
        <translation>숫자를 입력하세요.</translation>
    </message>
    <message>
        <source>At least %1.</source>
        <translation>%1 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>At most %1.</source>
        <translation>%1 이하여야 합니다.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>정수를 입력하세요.</translation>
    </message>
    <message>
        <source>Cannot be negative.</source>
        <translation>음수는 입력할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::PagedQueryModel</name>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니요</translation>
    </message>
</context>
<context>
    <name>campdesk::PayerForm</name>
    <message>
        <source>010-1234-5678</source>
        <translation>010-1234-5678</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>선택</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>전화번호(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>이름(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>이메일(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Type the phone number to find the customer.</source>
        <translation>전화번호를 입력하면 고객을 찾습니다.</translation>
    </message>
    <message>
        <source>Not a phone number yet.</source>
        <translation>아직 전화번호가 아닙니다.</translation>
    </message>
    <message>
        <source>Returning customer: %1</source>
        <translation>기존 고객: %1</translation>
    </message>
    <message>
        <source>New customer: fill in the name.</source>
        <translation>새 고객: 이름을 입력하세요.</translation>
    </message>
</context>
<context>
    <name>campdesk::PaymentStatusLabel</name>
    <message>
        <source>Card payments: paused (service busy)</source>
        <translation>카드 결제: 일시 중지 (결제 서비스 혼잡)</translation>
    </message>
    <message>
        <source>Since %1 the card payment service has been busy or not answering, so card payments and refunds are paused. Kiosk guests may come to the desk to pay.</source>
        <translation>%1부터 카드 결제 서비스가 혼잡하거나 응답하지 않아 카드 결제와 환불이 일시 중지되었습니다. 키오스크 고객이 프런트에서 결제하러 올 수 있습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Campdesk tries the service again by itself after %n second(s).</source>
        <translation>
            <numerusform>Campdesk가 %n초 후에 서비스를 자동으로 다시 시도합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Card payments: testing</source>
        <translation>카드 결제: 확인 중</translation>
    </message>
    <message>
        <source>Since %1 Campdesk has been trying the card payment service again with a few payments.</source>
        <translation>%1부터 Campdesk가 몇 건의 결제로 카드 결제 서비스를 다시 확인하고 있습니다.</translation>
    </message>
    <message>
        <source>Card payments: available</source>
        <translation>카드 결제: 사용 가능</translation>
    </message>
    <message>
        <source>The card payment service has been working again since %1.</source>
        <translation>%1부터 카드 결제 서비스가 다시 정상 작동합니다.</translation>
    </message>
    <message>
        <source>Reported by terminal %1.</source>
        <translation>보고한 단말기: %1</translation>
    </message>
</context>
<context>
    <name>campdesk::PaymentTableModel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>주문</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>예약 번호</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>손님</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>결제 수단</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>방법</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>금액</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>환불액</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>campdesk::PaymentsPage</name>
    <message>
        <source>Payments</source>
        <translation>결제</translation>
    </message>
    <message>
        <source>Order, booking code, guest or phone</source>
        <translation>주문, 예약 번호, 손님 또는 전화번호</translation>
    </message>
    <message>
        <source>All payments</source>
        <translation>모든 결제</translation>
    </message>
</context>
<context>
    <name>campdesk::RatePlan</name>
    <message>
        <source>Peak season</source>
        <translation>성수기</translation>
    </message>
    <message>
        <source>Shoulder season</source>
        <translation>준성수기</translation>
    </message>
    <message>
        <source>Off season</source>
        <translation>비수기</translation>
    </message>
    <message>
        <source>Standard rate</source>
        <translation>기본 요금</translation>
    </message>
    <message>
        <source>holiday</source>
        <translation>공휴일</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>주말</translation>
    </message>
    <message>
        <source>weekday</source>
        <translation>주중</translation>
    </message>
    <message>
        <source>Extra adult</source>
        <translation>추가 인원(성인)</translation>
    </message>
    <message>
        <source>Extra child</source>
        <translation>추가 인원(어린이)</translation>
    </message>
    <message>
        <source>Extra vehicle</source>
        <translation>추가 차량</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>사용 포인트</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %n night(s)</source>
        <translation>
            <numerusform>%1 × %n박</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <extracomment>an extra person or vehicle line: &quot;Extra adult × 4&quot; (persons or vehicles times nights)</extracomment>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Kept for the nights given up</source>
        <translation>줄인 숙박 중 환불하지 않은 금액</translation>
    </message>
</context>
<context>
    <name>campdesk::RatesPage</name>
    <message>
        <source>Seasons</source>
        <translation>시즌</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>공휴일</translation>
    </message>
    <message>
        <source>Closed dates</source>
        <translation>휴장일</translation>
    </message>
    <message>
        <source>Guests and vehicles</source>
        <translation>인원과 차량</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>요금</translation>
    </message>
    <message>
        <source>New season</source>
        <translation>새 시즌</translation>
    </message>
    <message>
        <source>Remove the season</source>
        <translation>시즌 삭제</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>From (month-day)</source>
        <extracomment>the first and last day of a season, repeated every year</extracomment>
        <translation>시작(월-일)</translation>
    </message>
    <message>
        <source>To (month-day)</source>
        <translation>종료(월-일)</translation>
    </message>
    <message>
        <source>Minimum stay</source>
        <extracomment>unit after a number of nights</extracomment>
        <translation>최소 숙박</translation>
    </message>
    <message>
        <source>nights</source>
        <translation>박</translation>
    </message>
    <message>
        <source>Minimum stay with a Saturday night</source>
        <translation>토요일 밤 포함 시 최소 숙박</translation>
    </message>
    <message>
        <source>Site kind</source>
        <translation>사이트 유형</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>주중</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>주말</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>공휴일</translation>
    </message>
    <message>
        <source>&amp;Save season</source>
        <translation>시즌 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>시즌</translation>
    </message>
    <message>
        <source>Prices per night in won. An empty weekend or holiday price is the weekday or weekend one; a kind without a weekday price keeps its sites&apos; own prices.</source>
        <translation>1박 요금(원)입니다. 주말·공휴일 요금을 비워 두면 주중·주말 요금을 씁니다. 주중 요금이 없는 유형은 각 사이트의 자체 요금을 씁니다.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Add or rename</source>
        <translation>추가 또는 이름 변경</translation>
    </message>
    <message>
        <source>Remove the holiday</source>
        <translation>공휴일 삭제</translation>
    </message>
    <message>
        <source>A holiday night has the holiday price; the night before a holiday is priced as a weekend night.</source>
        <translation>공휴일 밤은 공휴일 요금, 공휴일 전날 밤은 주말 요금입니다.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>To</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Close these dates</source>
        <translation>이 기간 휴장</translation>
    </message>
    <message>
        <source>Open them again</source>
        <translation>다시 열기</translation>
    </message>
    <message>
        <source>No night from the first to the last day (both included) can be booked.</source>
        <translation>시작일부터 종료일까지(양일 포함) 어느 밤도 예약할 수 없습니다.</translation>
    </message>
    <message>
        <source>Extra adult</source>
        <translation>추가 인원(성인)</translation>
    </message>
    <message>
        <source>Extra child</source>
        <translation>추가 인원(어린이)</translation>
    </message>
    <message>
        <source>Extra vehicle</source>
        <translation>추가 차량</translation>
    </message>
    <message>
        <source>Vehicles included</source>
        <translation>기본 포함 차량</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>캠핑사이트</translation>
    </message>
    <message>
        <source>Most guests</source>
        <translation>최대 인원</translation>
    </message>
    <message>
        <source>Guests included</source>
        <translation>기준 인원</translation>
    </message>
    <message>
        <source>Save fees and counts</source>
        <translation>추가 요금과 인원 저장</translation>
    </message>
    <message>
        <source>Fees per person or vehicle per night, in won, above what a site&apos;s price includes. 0 guests included: every guest up to the site&apos;s maximum.</source>
        <translation>사이트 요금에 포함된 인원·차량을 넘을 때 1박당 1인 또는 1대 추가 요금(원)입니다. 기준 인원 0: 최대 인원까지 모두 포함.</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>월</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>of them children</source>
        <translation>그중 어린이</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>차량</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>요일 구분</translation>
    </message>
    <message>
        <source>Night price</source>
        <translation>1박 요금</translation>
    </message>
    <message>
        <source>With the party</source>
        <translation>인원·차량 포함</translation>
    </message>
    <message>
        <source>Enter a whole number of won.</source>
        <translation>원 단위 정수를 입력하세요.</translation>
    </message>
    <message>
        <source>The guests included are between 0 (everyone) and the site&apos;s maximum of %1.</source>
        <translation>기준 인원은 0(전원)에서 사이트 최대 인원 %1명까지입니다.</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>추가 상품</translation>
    </message>
    <message>
        <source>Site kind or site</source>
        <translation>사이트 종류 또는 사이트</translation>
    </message>
    <message>
        <source>Add the site&apos;s own prices</source>
        <translation>사이트별 요금 추가</translation>
    </message>
    <message>
        <source>Remove the site&apos;s prices</source>
        <translation>사이트별 요금 삭제</translation>
    </message>
    <message>
        <source>Site %1 %2</source>
        <extracomment>a row of the season&apos;s price table for one campsite, e.g. &quot;Site A-01 Riverside&quot;</extracomment>
        <translation>사이트 %1 %2</translation>
    </message>
    <message>
        <source>Site #%1</source>
        <translation>사이트 #%1</translation>
    </message>
</context>
<context>
    <name>campdesk::Reservation</name>
    <message>
        <source>Held (awaiting payment)</source>
        <translation>임시 확보(결제 대기)</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>결제됨</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>체크인</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>체크아웃</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Not completed</source>
        <translation>미완료</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>노쇼</translation>
    </message>
</context>
<context>
    <name>campdesk::ReservationDialog</name>
    <message>
        <source>Check &amp;in</source>
        <translation>체크인(&amp;I)</translation>
    </message>
    <message>
        <source>Check &amp;out</source>
        <translation>체크아웃(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Cancel booking…</source>
        <translation>예약 취소(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Print receipt…</source>
        <translation>영수증 인쇄(&amp;P)…</translation>
    </message>
    <message>
        <source>Save receipt as &amp;PDF…</source>
        <translation>영수증 PDF 저장(&amp;F)…</translation>
    </message>
    <message>
        <source>Booking %1</source>
        <translation>예약 %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>캠핑 사이트</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>손님</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>숙박</translation>
    </message>
    <message numerus="yes">
        <source>%1 – %2 (%n night(s))</source>
        <translation>
            <numerusform>%1 – %2 (%n박)</numerusform>
        </translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>결제액</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>환불액</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Check-in opens on %1</source>
        <translation>%1부터 체크인할 수 있습니다</translation>
    </message>
    <message>
        <source>receipt-%1.pdf</source>
        <translation>영수증-%1.pdf</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>영수증 저장</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 파일을 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Refunding through the payment provider…</source>
        <translation>결제사를 통해 환불하고 있습니다…</translation>
    </message>
    <message>
        <source>Receipt saved to %1</source>
        <translation>영수증을 저장했습니다: %1</translation>
    </message>
    <message>
        <source>Mark &amp;no-show…</source>
        <translation>노쇼 처리(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Undo check-in</source>
        <translation>체크인 되돌리기(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo check-out</source>
        <translation>체크아웃 되돌리기(&amp;U)</translation>
    </message>
    <message>
        <source>%1 at %2 %3 (%4 – %5)</source>
        <translation>%1님, %2 %3 (%4 – %5)</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>체크인</translation>
    </message>
    <message>
        <source>Check in %1?</source>
        <translation>%1 체크인할까요?</translation>
    </message>
    <message>
        <source>Checking in…</source>
        <translation>체크인하는 중…</translation>
    </message>
    <message>
        <source>Check out %1?</source>
        <translation>%1 체크아웃할까요?</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>체크아웃</translation>
    </message>
    <message>
        <source>Checking out…</source>
        <translation>체크아웃하는 중…</translation>
    </message>
    <message>
        <source>Mark %1 as a no-show? The nights from today on become free, the points it earned are taken back and the customer is told. Refund by the rule: %2.</source>
        <translation>%1 예약을 노쇼로 처리할까요? 오늘부터의 숙박일은 다시 예약할 수 있게 되고, 이 예약으로 적립된 마일리지는 차감되며, 고객에게 알림이 갑니다. 규정에 따른 환불: %2.</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>노쇼</translation>
    </message>
    <message>
        <source>Mark no-show</source>
        <translation>노쇼 처리</translation>
    </message>
    <message>
        <source>Marking as a no-show…</source>
        <translation>노쇼로 처리하는 중…</translation>
    </message>
    <message>
        <source>Undo the check-out of %1? The guest is on site again.</source>
        <translation>%1 체크아웃을 되돌릴까요? 손님이 다시 사이트에 머무는 상태가 됩니다.</translation>
    </message>
    <message>
        <source>Undo the check-in of %1? The booking is paid and waiting for the guest again.</source>
        <translation>%1 체크인을 되돌릴까요? 예약은 다시 결제 완료 상태로 손님을 기다립니다.</translation>
    </message>
    <message>
        <source>Undo check-out</source>
        <translation>체크아웃 되돌리기</translation>
    </message>
    <message>
        <source>Undo check-in</source>
        <translation>체크인 되돌리기</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>되돌리는 중…</translation>
    </message>
    <message>
        <source>Guest details</source>
        <translation>투숙객 정보</translation>
    </message>
    <message>
        <source>&amp;Save details</source>
        <translation>정보 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Guest details saved.</source>
        <translation>투숙객 정보를 저장했습니다.</translation>
    </message>
    <message>
        <source>Staying</source>
        <translation>투숙객</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>변경(&amp;H)…</translation>
    </message>
    <message>
        <source>Move to another site, change the dates or the number of guests</source>
        <translation>다른 사이트로 옮기거나 날짜, 인원을 바꿉니다</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>추가 상품</translation>
    </message>
    <message>
        <source>%1: %2 — used (not refunded)</source>
        <translation>%1: %2 — 사용함(환불 안 함)</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>잔금</translation>
    </message>
    <message>
        <source>Cancel the whole &amp;group…</source>
        <translation>단체 전체 취소(&amp;G)…</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>단체 예약</translation>
    </message>
    <message>
        <source>with %1</source>
        <translation>함께: %1</translation>
    </message>
    <message>
        <source>%1 %2: refund %3 (%4%)</source>
        <translation>%1 %2: 환불 %3 (%4%)</translation>
    </message>
    <message>
        <source>Cancel every site of group %1 still booked?</source>
        <translation>단체 예약 %1에서 아직 예약된 모든 사이트를 취소할까요?</translation>
    </message>
    <message>
        <source>Refund in all: %1</source>
        <translation>환불 합계: %1</translation>
    </message>
    <message>
        <source>Cancel group</source>
        <translation>단체 예약 취소</translation>
    </message>
    <message>
        <source>Cancel the &amp;group</source>
        <translation>단체 취소(&amp;G)</translation>
    </message>
    <message>
        <source>Chang&amp;e the whole group…</source>
        <translation>단체 전체 변경(&amp;E)…</translation>
    </message>
    <message>
        <source>Move every site of the group by the same number of days, or make every stay longer or shorter</source>
        <translation>단체의 모든 사이트를 같은 일수만큼 옮기거나, 모든 숙박을 늘리거나 줄입니다</translation>
    </message>
    <message>
        <source>Changing every site of the group…</source>
        <translation>단체의 모든 사이트를 변경하는 중…</translation>
    </message>
    <message>
        <source>Take &amp;balance…</source>
        <translation>잔금 받기(&amp;B)…</translation>
    </message>
    <message>
        <source>Take the balance still due (cash, card machine or card)</source>
        <translation>남은 잔금 받기(현금, 카드 단말기 또는 카드)</translation>
    </message>
    <message>
        <source>Balance due %1 — take payment now?</source>
        <translation>잔금 %1이 남아 있습니다. 지금 결제받을까요?</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>결제 받기</translation>
    </message>
    <message>
        <source>The balance of %1 stays due; it can be taken from the booking later.</source>
        <translation>잔금 %1은 남아 있게 되며, 나중에 예약에서 받을 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::ReservationTableModel</name>
    <message>
        <source>Booking code</source>
        <translation>예약 번호</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>캠핑 사이트</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>손님</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
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
        <source>Nights</source>
        <translation>박</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>결제액</translation>
    </message>
    <message>
        <source>Points used</source>
        <translation>사용 포인트</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Booked at</source>
        <translation>예약 시각</translation>
    </message>
    <message>
        <source>Extras</source>
        <translation>추가 상품</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>잔금</translation>
    </message>
</context>
<context>
    <name>campdesk::ReservationsPage</name>
    <message>
        <source>Reservations</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Guest, phone or booking code</source>
        <translation>손님, 전화번호 또는 예약 번호</translation>
    </message>
    <message>
        <source>All bookings</source>
        <translation>모든 예약</translation>
    </message>
    <message>
        <source>Site %1 only (show all)</source>
        <extracomment>a filter button: only site A-01&apos;s bookings are shown; clicking shows every site again</extracomment>
        <translation>사이트 %1만 (전체 보기)</translation>
    </message>
    <message>
        <source>Take the &amp;balance…</source>
        <translation>잔금 받기(&amp;B)…</translation>
    </message>
</context>
<context>
    <name>campdesk::RetireSiteDialog</name>
    <message>
        <source>Move &amp;all to free sites</source>
        <translation>빈 사이트로 모두 옮기기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Retire</source>
        <translation>운영 종료(&amp;R)</translation>
    </message>
    <message>
        <source>Retire campsite %1</source>
        <translation>%1 캠핑사이트 운영 종료</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>손님</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>숙박</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>Move each booking to a free site of the same kind for the same dates</source>
        <translation>각 예약을 같은 날짜에 비어 있는 같은 종류의 사이트로 옮깁니다</translation>
    </message>
    <message>
        <source>Campsite %1 has no coming bookings left: it can be retired.</source>
        <translation>%1 캠핑사이트에 남은 예정 예약이 없습니다. 운영을 종료할 수 있습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Campsite %1 still has %n coming booking(s). Move them to other sites, then retire it.</source>
        <translation>
            <numerusform>%1 캠핑사이트에 예정된 예약이 %n건 있습니다. 다른 사이트로 옮긴 뒤 운영을 종료하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>옮기기…</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Moved: %1.</source>
        <translation>옮김: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Not moved (%n):</source>
        <translation>
            <numerusform>옮기지 못함(%n건):</numerusform>
        </translation>
    </message>
    <message>
        <source>Moving…</source>
        <translation>옮기는 중…</translation>
    </message>
</context>
<context>
    <name>campdesk::ReviewTableModel</name>
    <message>
        <source>Written</source>
        <translation>작성</translation>
    </message>
    <message>
        <source>Campsite</source>
        <translation>캠핑 사이트</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>손님</translation>
    </message>
    <message>
        <source>Booking code</source>
        <translation>예약 번호</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>평점</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>리뷰</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>공개 여부</translation>
    </message>
</context>
<context>
    <name>campdesk::ReviewsPage</name>
    <message>
        <source>Reviews</source>
        <translation>리뷰</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>숨기기(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>삭제(&amp;D)…</translation>
    </message>
    <message>
        <source>Review, guest, phone, campsite or booking code</source>
        <translation>리뷰, 손님, 전화번호, 캠핑 사이트 또는 예약 번호</translation>
    </message>
    <message>
        <source>All reviews</source>
        <translation>모든 리뷰</translation>
    </message>
    <message>
        <source>Hidden only</source>
        <translation>숨긴 리뷰만</translation>
    </message>
    <message>
        <source>&amp;Show again</source>
        <translation>다시 공개(&amp;S)</translation>
    </message>
    <message>
        <source>Show this review on the kiosk again</source>
        <translation>이 리뷰를 키오스크에 다시 보여 줍니다</translation>
    </message>
    <message>
        <source>Hide this review from the kiosk</source>
        <translation>이 리뷰를 키오스크에서 숨깁니다</translation>
    </message>
    <message>
        <source>Delete review</source>
        <translation>리뷰 삭제</translation>
    </message>
    <message>
        <source>Delete the review by %1 (booking %2)? It cannot be brought back, and the points it earned are taken back.</source>
        <translation>%1 님의 리뷰(예약 %2)를 삭제할까요? 되돌릴 수 없으며, 이 리뷰로 적립된 포인트도 회수됩니다.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
</context>
<context>
    <name>campdesk::SecretStore</name>
    <message>
        <source>Cannot read the secrets file %1: %2</source>
        <translation>비밀 정보 파일을 읽을 수 없습니다: %1: %2</translation>
    </message>
    <message>
        <source>The secrets file %1 is damaged. Enter the secrets again.</source>
        <translation>비밀 정보 파일이 손상되었습니다: %1. 비밀 정보를 다시 입력하세요.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>폴더를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Cannot write the secrets file %1.</source>
        <translation>비밀 정보 파일을 쓸 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>campdesk::SettingsPage</name>
    <message>
        <source>&amp;Save rules</source>
        <translation>규칙 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Refund %</source>
        <translation>환불 %</translation>
    </message>
    <message>
        <source>Mileage</source>
        <translation>마일리지</translation>
    </message>
    <message>
        <source>Points per payment (of the amount paid)</source>
        <translation>결제 적립률 (결제 금액 대비)</translation>
    </message>
    <message>
        <source>Points per review</source>
        <extracomment>unit after a number of points</extracomment>
        <translation>리뷰 적립 포인트</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>A held site waits for its payment</source>
        <extracomment>unit after a number of minutes</extracomment>
        <translation>임시 확보 사이트의 결제 대기 시간</translation>
    </message>
    <message>
        <source>Cancellation refunds</source>
        <translation>취소 환불 규정</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>줄 추가</translation>
    </message>
    <message>
        <source>Remove the row</source>
        <translation>줄 삭제</translation>
    </message>
    <message>
        <source>The row with the most days that still fits applies.</source>
        <translation>해당되는 줄 중 일수가 가장 큰 줄이 적용됩니다.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>A5 sheet</source>
        <translation>A5 용지</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>80mm 영수증 롤</translation>
    </message>
    <message>
        <source>points</source>
        <translation>포인트</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>분</translation>
    </message>
    <message>
        <source>Highest nightly price</source>
        <extracomment>unit after a price</extracomment>
        <translation>1박 최고 요금</translation>
    </message>
    <message>
        <source>won</source>
        <translation>원</translation>
    </message>
    <message>
        <source>Campground (printed on receipts)</source>
        <translation>캠핑장 정보(영수증에 인쇄)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Business registration number</source>
        <translation>사업자등록번호</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화번호</translation>
    </message>
    <message>
        <source>Receipt paper</source>
        <translation>영수증 용지</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 5 or 2.5.</source>
        <translation>숫자를 입력하세요. 예: 5 또는 2.5</translation>
    </message>
    <message>
        <source>No deposit: pay in full</source>
        <translation>예약금 없음: 전액 결제</translation>
    </message>
    <message>
        <source>A percentage of the price</source>
        <translation>가격의 비율</translation>
    </message>
    <message>
        <source>A fixed amount</source>
        <translation>고정 금액</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>예약금</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>비율</translation>
    </message>
    <message>
        <source>Fixed amount</source>
        <extracomment>unit after a price</extracomment>
        <translation>고정 금액</translation>
    </message>
    <message>
        <source>May be marked from, the day after check-in</source>
        <translation>노쇼 처리 가능 시각 (체크인 다음 날)</translation>
    </message>
    <message>
        <source>Refund of what was paid</source>
        <translation>결제 금액 중 환불</translation>
    </message>
    <message>
        <source>Mark them automatically after that time</source>
        <translation>그 시각이 지나면 자동으로 노쇼 처리</translation>
    </message>
    <message>
        <source>Days before check-in</source>
        <translation>체크인 전 일수</translation>
    </message>
    <message>
        <source>The refund applies when the booking is cancelled at least this many days before check-in.</source>
        <translation>체크인 최소 이 일수 전에 취소하면 이 환불율이 적용됩니다.</translation>
    </message>
    <message>
        <source>The share of what was paid that is given back.</source>
        <translation>결제한 금액 중 돌려드리는 비율입니다.</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>대기 명단</translation>
    </message>
    <message>
        <source>An offer holds the site for</source>
        <extracomment>unit after a number of minutes</extracomment>
        <translation>대기 제안의 자리 유지 시간</translation>
    </message>
    <message>
        <source>Deposits</source>
        <translation>예약금</translation>
    </message>
    <message>
        <source>Desk and phone bookings; the kiosk takes the full amount. The balance is taken at check-in.</source>
        <translation>프런트와 전화 예약에 적용되며, 키오스크는 전액을 받습니다. 잔금은 체크인 때 받습니다.</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>노쇼</translation>
    </message>
    <message>
        <source>Confirmed bookings nobody arrived for.</source>
        <translation>확정되었지만 아무도 오지 않은 예약입니다.</translation>
    </message>
    <message>
        <source>Extras earn points too</source>
        <translation>추가 상품에도 포인트 적립</translation>
    </message>
    <message>
        <source>When off, a payment earns points only on its share of the stay (nights, extra persons, vehicles), not on firewood, electricity or other extras.</source>
        <translation>끄면 결제 금액 중 숙박(숙박일, 추가 인원, 차량) 몫에만 포인트가 적립되고 장작, 전기 같은 추가 상품에는 적립되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::SiteBlockDialog</name>
    <message>
        <source>Block %1</source>
        <translation>%1 예약 막기</translation>
    </message>
    <message>
        <source>e.g. new deck being built</source>
        <translation>예: 데크 교체 공사</translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation>예약 막기(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;First night</source>
        <translation>첫 박(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open again on</source>
        <translation>다시 여는 날(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;What for</source>
        <translation>용도(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>사유(&amp;R)</translation>
    </message>
    <message>
        <source>No booking can be made for %1 on these nights.</source>
        <translation>이 기간에는 %1 예약을 받을 수 없습니다.</translation>
    </message>
    <message>
        <source>Customers see this reason at the kiosk when they pick these nights. Do not write a guest&apos;s name or anything private.</source>
        <translation>키오스크에서 이 날짜를 고른 고객에게 이 사유가 보입니다. 손님 이름이나 개인 정보는 적지 마세요.</translation>
    </message>
</context>
<context>
    <name>campdesk::SiteMapPage</name>
    <message>
        <source>Edit map</source>
        <translation>배치도 편집</translation>
    </message>
    <message>
        <source>Choose picture…</source>
        <translation>그림 선택…</translation>
    </message>
    <message>
        <source>Take off the map</source>
        <translation>배치도에서 빼기</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Add a map picture…</source>
        <translation>배치도 그림 추가…</translation>
    </message>
    <message>
        <source>No site map yet. Choose a picture of the campground (a drawing, a plan or an aerial photo) and place the sites on it.</source>
        <translation>아직 배치도가 없습니다. 캠핑장 그림(약도, 평면도, 항공 사진)을 선택하고 사이트를 그 위에 배치하세요.</translation>
    </message>
    <message>
        <source>No site map yet. A manager can add a picture of the campground.</source>
        <translation>아직 배치도가 없습니다. 관리자가 캠핑장 그림을 추가할 수 있습니다.</translation>
    </message>
    <message>
        <source>Drag a marker to move it. Sites not on the map yet are listed here: pick one, then click the map where it is.</source>
        <translation>표시를 끌어서 옮기세요. 아직 배치하지 않은 사이트는 여기에 있습니다. 하나를 고른 다음 배치도에서 그 위치를 클릭하세요.</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) on the map</source>
        <translation>
            <numerusform>배치된 사이트 %n곳</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not placed</source>
        <translation>
            <numerusform>미배치 %n곳</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the campground picture</source>
        <translation>캠핑장 그림 선택</translation>
    </message>
    <message>
        <source>This file is not a picture Campdesk can read (PNG, JPEG, GIF, BMP or WebP).</source>
        <translation>Campdesk가 읽을 수 있는 그림 파일이 아닙니다(PNG, JPEG, GIF, BMP, WebP).</translation>
    </message>
    <message>
        <source>The picture is larger than %1 MB. Save it smaller (e.g. as JPEG) and choose it again.</source>
        <translation>그림이 %1MB보다 큽니다. 더 작게(예: JPEG로) 저장한 뒤 다시 선택하세요.</translation>
    </message>
</context>
<context>
    <name>campdesk::SiteMapView</name>
    <message>
        <source>Free</source>
        <translation>비어 있음</translation>
    </message>
    <message>
        <source>Occupied</source>
        <translation>사용 중</translation>
    </message>
    <message>
        <source>Arriving today</source>
        <translation>오늘 입실</translation>
    </message>
    <message>
        <source>Departing today</source>
        <translation>오늘 퇴실</translation>
    </message>
    <message>
        <source>Blocked (maintenance)</source>
        <translation>사용 불가(정비 중)</translation>
    </message>
</context>
<context>
    <name>campdesk::SitePhotosEditor</name>
    <message>
        <source>Add photo…</source>
        <translation>사진 추가…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Move earlier</source>
        <translation>앞으로</translation>
    </message>
    <message>
        <source>Move later</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <source>e.g. View from the terrace</source>
        <translation>예: 데크에서 본 풍경</translation>
    </message>
    <message>
        <source>Up to %1 photos; the first is shown on the kiosk. Large photos are scaled down to %2 pixels. Changes here are saved at once.</source>
        <translation>사진은 최대 %1장이며 첫 번째 사진이 키오스크에 보입니다. 큰 사진은 %2픽셀로 줄입니다. 여기서 바꾼 내용은 바로 저장됩니다.</translation>
    </message>
    <message>
        <source>Ca&amp;ption:</source>
        <translation>설명(&amp;P):</translation>
    </message>
    <message>
        <source>Photo %1</source>
        <translation>사진 %1</translation>
    </message>
    <message>
        <source>Choose a photo of the site</source>
        <translation>사이트 사진 선택</translation>
    </message>
</context>
<context>
    <name>campdesk::StatusPage</name>
    <message>
        <source>Checking...</source>
        <translation>확인 중...</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>지금 새로 고침</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>검사 항목</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>세부 정보</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>단말기</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>호스트</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>마지막 확인</translation>
    </message>
    <message>
        <source>Payment breaker:</source>
        <translation>결제 브레이커:</translation>
    </message>
    <message>
        <source>Outbox:</source>
        <translation>발송 대기함:</translation>
    </message>
    <message>
        <source>Last event:</source>
        <translation>마지막 이벤트:</translation>
    </message>
    <message>
        <source>Database size:</source>
        <translation>데이터베이스 크기:</translation>
    </message>
    <message>
        <source>Health checks</source>
        <translation>상태 점검</translation>
    </message>
    <message>
        <source>Terminals seen recently</source>
        <translation>최근 확인된 단말기</translation>
    </message>
    <message>
        <source>Recent log</source>
        <translation>최근 로그</translation>
    </message>
    <message>
        <source>HEALTHY</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>DEGRADED</source>
        <translation>성능 저하</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>중단</translation>
    </message>
    <message>
        <source>Checked %1</source>
        <translation>%1 확인</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>확인 안 함</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>성능 저하</translation>
    </message>
    <message>
        <source>down</source>
        <translation>중단</translation>
    </message>
    <message>
        <source>unknown (the database is not reachable)</source>
        <translation>알 수 없음(데이터베이스에 연결할 수 없음)</translation>
    </message>
    <message>
        <source>%1 from %2 at %3</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>아직 없음</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>예약번호</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Owed (won)</source>
        <translation>돌려줄 금액(원)</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>발생 시각</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>시도 횟수</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>다음 시도</translation>
    </message>
    <message>
        <source>Payments that need attention</source>
        <translation>조치가 필요한 결제</translation>
    </message>
    <message>
        <source>Payments that need attention (%1)</source>
        <translation>조치가 필요한 결제 (%1)</translation>
    </message>
    <message>
        <source>by a manager</source>
        <translation>관리자가 처리</translation>
    </message>
    <message>
        <source>How was it settled? (needed to mark it resolved)</source>
        <translation>어떻게 처리했나요? (처리 완료로 표시하려면 필요)</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>지금 다시 시도</translation>
    </message>
    <message>
        <source>Ask the payment service again at the next run (within a minute) instead of waiting.</source>
        <translation>기다리지 않고 다음 실행 때(1분 이내) 결제 서비스에 다시 요청합니다.</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>처리 완료로 표시</translation>
    </message>
    <message>
        <source>Settled by hand (for example refunded at the payment service&apos;s own site).</source>
        <translation>직접 처리함 (예: 결제 서비스 사이트에서 환불).</translation>
    </message>
    <message>
        <source>The payment is tried again at the reconciler&apos;s next run.</source>
        <translation>다음 결제 대사 실행 때 다시 시도합니다.</translation>
    </message>
    <message>
        <source>Marked resolved.</source>
        <translation>처리 완료로 표시했습니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::TablePage</name>
    <message>
        <source>Any</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>to</source>
        <translation>끝</translation>
    </message>
    <message numerus="yes">
        <source>%n rows loaded; more load as you scroll</source>
        <translation>
            <numerusform>%n개 행 불러옴; 스크롤하면 더 불러옵니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows</source>
        <translation>
            <numerusform>%n개 행</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>내보내는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message numerus="yes">
        <source>%n rows written</source>
        <translation>
            <numerusform>%n개 행 기록함</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading rows…</source>
        <translation>목록을 불러오는 중…</translation>
    </message>
</context>
<context>
    <name>campdesk::TerminalRuntime</name>
    <message>
        <source>Changes made on other terminals may show late: %1</source>
        <translation>다른 단말기의 변경 사항이 늦게 표시될 수 있습니다: %1</translation>
    </message>
    <message>
        <source>Notifications are not being sent yet: %1</source>
        <translation>알림이 아직 발송되지 않고 있습니다: %1</translation>
    </message>
    <message>
        <source>%1 (allowed by this terminal&apos;s settings).</source>
        <translation>%1 (이 단말기 설정에서 허용됨).</translation>
    </message>
    <message>
        <source>%1: refused. Use an encrypted connection, or allow plain connections in this terminal&apos;s settings.</source>
        <translation>%1: 거부했습니다. 암호화된 연결을 쓰거나, 이 단말기 설정에서 암호화되지 않은 연결을 허용하세요.</translation>
    </message>
</context>
<context>
    <name>campdesk::TerminalSettings</name>
    <message>
        <source>The database must be a SQLite file path or a postgresql:// address.</source>
        <translation>데이터베이스는 SQLite 파일 경로나 postgresql:// 주소여야 합니다.</translation>
    </message>
    <message>
        <source>The PostgreSQL address must look like postgresql://user@host:port/database.</source>
        <translation>PostgreSQL 주소는 postgresql://user@host:port/database 형식이어야 합니다.</translation>
    </message>
    <message>
        <source>The database address contains a password. Keep passwords in the secret store, not in the settings file.</source>
        <translation>데이터베이스 주소에 비밀번호가 들어 있습니다. 비밀번호는 설정 파일이 아니라 비밀 정보 저장소에 보관하세요.</translation>
    </message>
    <message>
        <source>The terminal name must be 1 to 64 characters.</source>
        <translation>단말기 이름은 1~64자여야 합니다.</translation>
    </message>
    <message>
        <source>The terminal name must not contain control characters.</source>
        <translation>단말기 이름에 제어 문자를 넣을 수 없습니다.</translation>
    </message>
    <message>
        <source>The terminal kind must be &quot;admin&quot; or &quot;kiosk&quot;.</source>
        <translation>단말기 종류는 &quot;admin&quot; 또는 &quot;kiosk&quot;여야 합니다.</translation>
    </message>
    <message>
        <source>The language must be &quot;ko&quot; or &quot;en&quot;.</source>
        <translation>언어는 &quot;ko&quot; 또는 &quot;en&quot;이어야 합니다.</translation>
    </message>
    <message>
        <source>The kiosk idle time must be a whole number of seconds from 15 to 3600.</source>
        <translation>키오스크 대기 시간은 15~3600초 사이의 정수여야 합니다.</translation>
    </message>
    <message>
        <source>The SMTP port must be a number from 1 to 65535.</source>
        <translation>SMTP 포트는 1~65535 사이의 숫자여야 합니다.</translation>
    </message>
    <message>
        <source>The SMTP security must be &quot;none&quot;, &quot;starttls&quot; or &quot;tls&quot;.</source>
        <translation>SMTP 보안 방식은 &quot;none&quot;, &quot;starttls&quot;, &quot;tls&quot; 중 하나여야 합니다.</translation>
    </message>
    <message>
        <source>The address must be an http:// or https:// URL.</source>
        <translation>주소는 http:// 또는 https:// URL이어야 합니다.</translation>
    </message>
    <message>
        <source>The address contains a password. Keep passwords in the secret store, not in the settings file.</source>
        <translation>주소에 비밀번호가 들어 있습니다. 비밀번호는 설정 파일이 아니라 비밀 정보 저장소에 보관하세요.</translation>
    </message>
    <message>
        <source>The SMTP host must be a host name or address.</source>
        <translation>SMTP 호스트는 호스트 이름이나 주소여야 합니다.</translation>
    </message>
    <message>
        <source>The settings file %1 could not be read; it was moved to %2 and the defaults are used.</source>
        <translation>설정 파일을 읽을 수 없어(%1) 다음 위치로 옮기고 기본값을 사용합니다: %2</translation>
    </message>
    <message>
        <source>it is not a single plain value</source>
        <translation>하나의 단순한 값이 아닙니다</translation>
    </message>
    <message>
        <source>Setting %1 in %2 is not valid (%3); the default is used.</source>
        <translation>%2의 설정 %1: 올바르지 않아(%3) 기본값을 사용합니다.</translation>
    </message>
    <message>
        <source>Cannot write the settings file %1.</source>
        <translation>설정 파일을 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Plain connections must be allowed with &quot;true&quot; or refused with &quot;false&quot;.</source>
        <translation>암호화되지 않은 연결은 &quot;true&quot;(허용) 또는 &quot;false&quot;(거부)로만 설정할 수 있습니다.</translation>
    </message>
    <message>
        <source>The payment gateway</source>
        <translation>결제 게이트웨이</translation>
    </message>
    <message>
        <source>The SMS webhook</source>
        <translation>SMS 웹훅</translation>
    </message>
    <message>
        <source>Training mode must be switched on with &quot;true&quot; or off with &quot;false&quot;.</source>
        <translation>교육용 모드는 &quot;true&quot;(켜기) 또는 &quot;false&quot;(끄기)로 설정해야 합니다.</translation>
    </message>
    <message>
        <source>Setting %1 in %2 is not one this program reads; it is ignored.</source>
        <translation>%2의 %1 설정은 이 프로그램이 읽지 않는 설정이라 무시합니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::TransportSecurity</name>
    <message>
        <source>%1 at %2 is plain http:// (not encrypted)</source>
        <translation>%1 (%2): 암호화되지 않은 http:// 연결</translation>
    </message>
    <message>
        <source>E-mail (SMTP) to %1 is not encrypted</source>
        <translation>%1 메일 서버(SMTP) 연결이 암호화되지 않았습니다</translation>
    </message>
    <message>
        <source>The PostgreSQL connection to %1 may be unencrypted (sslmode=%2)</source>
        <translation>PostgreSQL 서버 %1 연결이 암호화되지 않을 수 있습니다 (sslmode=%2)</translation>
    </message>
    <message>
        <source>The PostgreSQL address asks for sslmode=%1, which may send the data and the password in clear text to %2. Use sslmode=verify-full (or require), or allow plain connections with security/allowPlainConnections=true in this terminal&apos;s settings.</source>
        <translation>PostgreSQL 주소의 sslmode=%1 설정은 데이터와 비밀번호를 %2 서버로 암호화 없이 보낼 수 있습니다. sslmode=verify-full(또는 require)을 쓰거나, 이 단말기 설정에서 security/allowPlainConnections=true로 허용하세요.</translation>
    </message>
</context>
<context>
    <name>campdesk::UnsavedChanges</name>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>Close without saving? What you typed will be lost.</source>
        <translation>저장하지 않고 닫을까요? 입력한 내용이 사라집니다.</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>변경 사항 버리기</translation>
    </message>
</context>
<context>
    <name>campdesk::UserDialog</name>
    <message>
        <source>New user</source>
        <translation>새 사용자</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>아이디(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>이름(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>역할(&amp;R)</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>%1 님의 새 비밀번호</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>비밀번호(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;peat</source>
        <translation>비밀번호 확인(&amp;E)</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>두 비밀번호가 다릅니다.</translation>
    </message>
</context>
<context>
    <name>campdesk::UserTableModel</name>
    <message>
        <source>Active</source>
        <translation>사용 중</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>비활성</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>%1까지 잠김</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>아이디</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>계정</translation>
    </message>
    <message>
        <source>Lockout</source>
        <translation>잠금</translation>
    </message>
</context>
<context>
    <name>campdesk::UsersPage</name>
    <message>
        <source>&amp;New user…</source>
        <translation>새 사용자(&amp;N)…</translation>
    </message>
    <message>
        <source>Change &amp;role</source>
        <translation>역할 변경(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Deactivate / reactivate</source>
        <translation>비활성화 / 재활성화(&amp;D)</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>비밀번호 재설정(&amp;P)…</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>역할 변경</translation>
    </message>
    <message>
        <source>Make %1 a %2?</source>
        <translation>%1 님의 역할을 바꿀까요? 새 역할: %2</translation>
    </message>
</context>
<context>
    <name>campdesk::Validation</name>
    <message>
        <source>%1 is required.</source>
        <translation>필수 항목입니다: %1</translation>
    </message>
    <message>
        <source>%1 must be at least %2 characters.</source>
        <translation>%1: %2자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>%1 can be at most %2 characters.</source>
        <translation>%1: %2자까지 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 contains characters that cannot be used.</source>
        <translation>%1에 쓸 수 없는 문자가 있습니다.</translation>
    </message>
    <message>
        <source>%1 cannot be negative.</source>
        <translation>%1: 음수일 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 must be more than 0 won.</source>
        <translation>%1: 0원보다 커야 합니다.</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1: 너무 큽니다.</translation>
    </message>
    <message>
        <source>A fee cannot be negative.</source>
        <translation>추가 요금은 음수일 수 없습니다.</translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation>가격은 음수일 수 없습니다.</translation>
    </message>
    <message>
        <source>A fee can be at most %1 won (the highest nightly price in Settings).</source>
        <translation>추가 요금은 최대 %1원입니다(설정의 1박 최고 요금).</translation>
    </message>
    <message>
        <source>A price can be at most %1 won (the highest nightly price in Settings).</source>
        <translation>가격은 최대 %1원입니다(설정의 1박 최고 요금).</translation>
    </message>
</context>
<context>
    <name>campdesk::WaitlistPage</name>
    <message>
        <source>Move &amp;up</source>
        <translation>위로(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>아래로(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Offer a site…</source>
        <translation>자리 제안(&amp;O)…</translation>
    </message>
    <message>
        <source>Hold a free site for this customer now and send them the offer</source>
        <translation>지금 빈 캠핑사이트를 이 고객에게 잡아 두고 제안을 보냅니다</translation>
    </message>
    <message>
        <source>&amp;Take payment…</source>
        <translation>결제 받기(&amp;T)…</translation>
    </message>
    <message>
        <source>The customer pays the offered booking at the desk: it is confirmed</source>
        <translation>고객이 제안받은 예약을 안내데스크에서 결제하면 예약이 확정됩니다</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>삭제(&amp;R)…</translation>
    </message>
    <message>
        <source>Waiting and offered</source>
        <translation>대기 중·제안됨</translation>
    </message>
    <message>
        <source>All entries</source>
        <translation>전체 항목</translation>
    </message>
    <message>
        <source>Name or phone</source>
        <translation>이름 또는 전화번호</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>대기 명단</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Offer a site</source>
        <translation>자리 제안</translation>
    </message>
    <message numerus="yes">
        <source>Hold a free site for %1 (%2, %n night(s) from %3) and send them the offer now, ahead of the entries before them?</source>
        <translation>
            <numerusform>%1님(%2, %3부터 %n박)께 지금 빈 캠핑사이트를 잡아 두고 제안을 보낼까요? 앞 순서의 대기 항목보다 먼저 제안됩니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>제안</translation>
    </message>
    <message>
        <source>Site %1 is held for %2 as booking %3; the offer was sent.</source>
        <translation>%1 캠핑사이트를 %2님께 잡아 두고(예약 번호 %3) 제안을 보냈습니다.</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>결제 받기</translation>
    </message>
    <message>
        <source>Take the payment for booking %1 (site %2) from %3 at the desk and confirm it?</source>
        <translation>%3님께 예약 %1(%2 캠핑사이트)의 결제를 안내데스크에서 받고 예약을 확정할까요?</translation>
    </message>
    <message>
        <source>Booking %1 is confirmed.</source>
        <translation>예약이 확정되었습니다: %1</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the waitlist? The site held for them (%3) is released for the next entry.</source>
        <translation>%1님(%2)을 대기 명단에서 삭제할까요? 잡아 둔 캠핑사이트(%3)는 다음 대기 고객에게 넘어갑니다.</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from the waitlist?</source>
        <translation>%1님(%2)을 대기 명단에서 삭제할까요?</translation>
    </message>
    <message>
        <source>Remove from the waitlist</source>
        <translation>대기 명단에서 삭제</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
</context>
<context>
    <name>campdesk::WaitlistTableModel</name>
    <message>
        <source>Any</source>
        <translation>모두</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>키오스크</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>안내데스크</translation>
    </message>
    <message>
        <source>#</source>
        <extracomment>the place in the waitlist&apos;s order</extracomment>
        <translation>순서</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
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
        <source>Check-in</source>
        <translation>체크인</translation>
    </message>
    <message>
        <source>Nights</source>
        <translation>박수</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>Site kind</source>
        <translation>사이트 종류</translation>
    </message>
    <message>
        <source>Offered site</source>
        <translation>제안한 사이트</translation>
    </message>
    <message>
        <source>Offer ends</source>
        <translation>제안 마감</translation>
    </message>
    <message>
        <source>Joined at</source>
        <translation>등록 경로</translation>
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
    <message>
        <source>Backup of %1 written to %2.</source>
        <translation>%1의 백업을 %2에 저장했습니다.</translation>
    </message>
    <message>
        <source>Restored from %1.</source>
        <translation>%1에서 복원했습니다.</translation>
    </message>
    <message>
        <source>The previous database was kept as %1.</source>
        <translation>이전 데이터베이스를 보관했습니다: %1</translation>
    </message>
    <message>
        <source>Write a consistent backup of the database to FILE, even while terminals are using it.</source>
        <translation>단말기가 사용 중일 때도 데이터베이스의 일관된 백업을 FILE에 씁니다.</translation>
    </message>
    <message>
        <source>Replace the database with the backup FILE after checking it; close every terminal first. The current database is kept as a .before-restore copy.</source>
        <translation>백업 FILE을 검사한 뒤 데이터베이스를 그 내용으로 바꿉니다. 먼저 모든 단말기를 닫으세요. 현재 데이터베이스는 .before-restore 사본으로 보관됩니다.</translation>
    </message>
    <message>
        <source>With --check: print the report as JSON.</source>
        <translation>--check와 함께: 결과를 JSON으로 출력합니다.</translation>
    </message>
    <message>
        <source>Check the database, schema, payment gateway and outbox; exit 0 healthy, 1 degraded, 2 down.</source>
        <translation>데이터베이스, 스키마, 결제 게이트웨이, 발송 대기함을 점검합니다. 종료 코드 0 정상, 1 성능 저하, 2 중단.</translation>
    </message>
    <message>
        <source>Give the database with --database.</source>
        <translation>--database 옵션으로 데이터베이스를 지정하세요.</translation>
    </message>
    <message>
        <source>The read model was rebuilt from %1.</source>
        <translation>%1에서 조회 모델을 다시 만들었습니다.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>set: %1; not set: %2</source>
        <translation>설정됨: %1 / 설정 안 됨: %2</translation>
    </message>
    <message>
        <source>Nothing needed correcting.</source>
        <translation>바로잡을 것이 없었습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Corrected %n figure(s):</source>
        <translation>
            <numerusform>수치 %n개를 바로잡았습니다:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not fixed by a rebuild (%n problem(s)); see campdesk --check:</source>
        <translation>
            <numerusform>다시 계산으로 고쳐지지 않은 문제 %n건, campdesk --check를 참고하세요:</numerusform>
        </translation>
    </message>
    <message>
        <source>Recompute the campsite overview and daily statistics from the reservations, payments and reviews, and list what changed (exit 1 when problems a rebuild cannot fix remain).</source>
        <translation>예약, 결제, 리뷰로부터 캠핑 사이트 현황과 일별 통계를 다시 계산하고 바뀐 내용을 보여 줍니다(다시 계산으로 고칠 수 없는 문제가 남으면 종료 코드 1).</translation>
    </message>
    <message>
        <source>Fill a fresh database with a demo campground and two demo accounts, and print their passwords (admin app only).</source>
        <translation>빈 데이터베이스에 데모 캠핑장과 데모 계정 두 개를 채우고 그 비밀번호를 출력합니다(관리 앱 전용).</translation>
    </message>
</context>
</TS>
