// campdesk-paysim: the loopback payment gateway for demos and training (see docs/payment-protocol.md).
#include "paymentsimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("campdesk-paysim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CAMPDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A payment gateway simulator on 127.0.0.1 for Campdesk demos and training.\n"
        "Switch its behaviour with: curl -d '{\"mode\":\"decline\"}' http://127.0.0.1:PORT/sim/mode\n"
        "Modes: approve, decline, stall (with \"stallMs\"), servererror, garbage, drop, toomanyrequests, "
        "wrongamount, chargethendrop, hang (with \"stallMs\"); add \"lookups\":true to change how lookups are answered "
        "instead."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("PORT"), QStringLiteral("TCP port on 127.0.0.1 (0 picks a free one)"));
    const QCommandLineOption secretOption(QStringLiteral("secret"), QStringLiteral("The secret key clients must send."),
                                          QStringLiteral("KEY"), QStringLiteral("test_sk_campdesk"));
    parser.addOption(secretOption);
    parser.process(app);

    const QStringList arguments = parser.positionalArguments();
    bool ok = false;
    const uint port = arguments.value(0).toUInt(&ok);
    if (arguments.size() != 1 || !ok || port > 65535) {
        std::fprintf(stderr, "usage: campdesk-paysim PORT [--secret KEY]\n");
        return 2;
    }

    campdesk::PaymentSimulator simulator(parser.value(secretOption));
    if (simulator.listen(static_cast<quint16>(port)) == 0) {
        std::fprintf(stderr, "campdesk-paysim: cannot listen on 127.0.0.1:%u\n", port);
        return 1;
    }
    std::printf("campdesk-paysim listening on %s\n", qPrintable(simulator.baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
