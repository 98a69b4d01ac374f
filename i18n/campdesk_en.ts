<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BreakerGateway</name>
    <message numerus="yes">
        <source>Payments are busy right now. Please try again in %n seconds, or pay at the front desk.</source>
        <translation>
            <numerusform>Payments are busy right now. Please try again in %n second, or pay at the front desk.</numerusform>
            <numerusform>Payments are busy right now. Please try again in %n seconds, or pay at the front desk.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HttpPaymentGateway</name>
    <message numerus="yes">
        <source>The payment service is busy. Please try again in %n seconds, or pay at the front desk.</source>
        <translation>
            <numerusform>The payment service is busy. Please try again in %n second, or pay at the front desk.</numerusform>
            <numerusform>The payment service is busy. Please try again in %n seconds, or pay at the front desk.</numerusform>
        </translation>
    </message>
    <message>
        <source>The payment service did not answer in time.</source>
        <translation>The payment service did not answer in time.</translation>
    </message>
    <message>
        <source>Cannot reach the payment service (%1).</source>
        <translation>Cannot reach the payment service (%1).</translation>
    </message>
    <message>
        <source>The connection to the payment service broke off.</source>
        <translation>The connection to the payment service broke off.</translation>
    </message>
    <message>
        <source>The payment service refused Campdesk&apos;s secret key. Ask the manager to check the payment settings.</source>
        <translation>The payment service refused Campdesk&apos;s secret key. Ask the manager to check the payment settings.</translation>
    </message>
    <message>
        <source>The payment service had an internal error (HTTP %1).</source>
        <translation>The payment service had an internal error (HTTP %1).</translation>
    </message>
    <message>
        <source>The payment service sent an answer Campdesk cannot read (HTTP %1).</source>
        <translation>The payment service sent an answer Campdesk cannot read (HTTP %1).</translation>
    </message>
    <message>
        <source>The card was declined. Please use another card or pay at the front desk.</source>
        <translation>The card was declined. Please use another card or pay at the front desk.</translation>
    </message>
    <message>
        <source>The card&apos;s limit or balance is not enough for this payment. Please use another card or pay at the front desk.</source>
        <translation>The card&apos;s limit or balance is not enough for this payment. Please use another card or pay at the front desk.</translation>
    </message>
    <message>
        <source>The card details are not valid. Please use another card or pay at the front desk.</source>
        <translation>The card details are not valid. Please use another card or pay at the front desk.</translation>
    </message>
    <message>
        <source>The payment was declined (%1). Please use another card or pay at the front desk.</source>
        <translation>The payment was declined (%1). Please use another card or pay at the front desk.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>Card payment (online payment service)</source>
        <translation>Card payment (online payment service)</translation>
    </message>
    <message>
        <source>The payment has no order number or no amount.</source>
        <translation>The payment has no order number or no amount.</translation>
    </message>
    <message>
        <source>Your booking is held while Campdesk checks whether the payment went through.</source>
        <translation>Your booking is held while Campdesk checks whether the payment went through.</translation>
    </message>
    <message>
        <source>Nothing was charged. Please try again or pay at the front desk.</source>
        <translation>Nothing was charged. Please try again or pay at the front desk.</translation>
    </message>
    <message>
        <source>The payment is still being processed. Your booking is held while Campdesk checks whether the payment went through.</source>
        <translation>The payment is still being processed. Your booking is held while Campdesk checks whether the payment went through.</translation>
    </message>
    <message>
        <source>The payment service reported %1 won instead of %2 won.</source>
        <translation>The payment service reported %1 won instead of %2 won.</translation>
    </message>
    <message>
        <source>The payment was cancelled; please try again or pay at the front desk.</source>
        <translation>The payment was cancelled; please try again or pay at the front desk.</translation>
    </message>
    <message>
        <source>The payment could not be cancelled automatically: staff will refund it.</source>
        <translation>The payment could not be cancelled automatically: staff will refund it.</translation>
    </message>
    <message>
        <source>A refund cannot be negative.</source>
        <translation>A refund cannot be negative.</translation>
    </message>
    <message>
        <source>The refund did not go through; Campdesk will try again.</source>
        <translation>The refund did not go through; Campdesk will try again.</translation>
    </message>
    <message>
        <source>The payment service does not know this payment.</source>
        <translation>The payment service does not know this payment.</translation>
    </message>
    <message>
        <source>The payment service refused the refund (%1).</source>
        <translation>The payment service refused the refund (%1).</translation>
    </message>
    <message>
        <source>The payment has no order number.</source>
        <translation>The payment has no order number.</translation>
    </message>
    <message>
        <source>The payment service has no payment for this order.</source>
        <translation>The payment service has no payment for this order.</translation>
    </message>
    <message>
        <source>The payment was cancelled at the payment service.</source>
        <translation>The payment was cancelled at the payment service.</translation>
    </message>
    <message>
        <source>The payment was never completed at the payment service.</source>
        <translation>The payment was never completed at the payment service.</translation>
    </message>
    <message>
        <source>The payment is still being processed.</source>
        <translation>The payment is still being processed.</translation>
    </message>
</context>
</TS>
