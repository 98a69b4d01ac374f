<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
</TS>
