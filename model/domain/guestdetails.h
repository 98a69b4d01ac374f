#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QStringList>
#include <optional>

namespace campdesk {

// Who and what arrives for one stay, beside the paying customer: the guest's name, the vehicles' plates, the
// equipment and its length, and the staff's notes (never read by the kiosk).
struct GuestDetails
{
    Q_DECLARE_TR_FUNCTIONS(GuestDetails)

public:
    static constexpr int maxPlates = 3;
    static constexpr int maxNameLength = 100;
    static constexpr int maxNotesLength = 1000;
    static constexpr int minLengthDm = 10; // 1 m
    static constexpr int maxLengthDm = 200; // 20 m

    QString guestName; // empty: the stay is in the customer's name
    QStringList plates; // normalised ("12가3456"), at most three
    QString equipment; // a code of equipmentCodes(), or empty when not given
    int equipmentLengthDm = 0; // decimetres; 0 = not given. RV, caravan and trailer only
    QString notes; // staff only

    // Korean plates: "12가3456", "123가4567" and the older "서울12가3456", typed with or without spaces and dashes;
    // normalised to NFC without them. nullopt when it is not such a plate (a foreign or temporary plate goes in the
    // notes: see docs/decisions.md).
    static std::optional<QString> normalizePlate(const QString& typed);
    // What a search for `typed` looks for: the start or the end of a plate, without spaces and dashes. Empty when
    // no plate can hold it, which includes a region alone ("서울"): a plate is found from its digits, and the search
    // then finds guests by that name rather than every plate of a region.
    static QString plateSearchText(const QString& typed);
    // "tent", "rv", "caravan", "trailer", "car_camping", "none".
    static QStringList equipmentCodes();
    static QString equipmentName(const QString& code); // translated; empty for an empty code
    static bool takesLength(const QString& code); // RV, caravan, trailer
    static QString lengthText(int decimetres); // "7.5 m"; empty for 0

    // Normalises the plates (typed: one string per field) and checks every field; the error names the field:
    // guestName, plate1..plate3, equipment, equipmentLength, notes.
    static Result<GuestDetails> fromInput(const QString& guestName, const QStringList& typedPlates,
                                          const QString& equipment, int equipmentLengthDm, const QString& notes);
};

} // namespace campdesk
