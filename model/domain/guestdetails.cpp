#include "domain/guestdetails.h"

#include "core/validation.h"

#include <QLocale>
#include <QRegularExpression>

namespace campdesk {

namespace {

QString stripped(const QString& typed)
{
    // NFC: an input method may hand over a syllable as its separate jamo.
    QString s = typed.normalized(QString::NormalizationForm_C);
    static const QRegularExpression separators(QStringLiteral("[\\s\\-]"));
    s.remove(separators);
    return s;
}

} // namespace

std::optional<QString> GuestDetails::normalizePlate(const QString& typed)
{
    const QString s = stripped(typed);
    // Two or three digits, one Hangul syllable, four digits; optionally after a region of two syllables.
    static const QRegularExpression plate(QStringLiteral("^(?:[\\x{AC00}-\\x{D7A3}]{2})?[0-9]{2,3}"
                                                         "[\\x{AC00}-\\x{D7A3}][0-9]{4}$"));
    if (!plate.match(s).hasMatch())
        return std::nullopt;
    return s;
}

QString GuestDetails::plateSearchText(const QString& typed)
{
    const QString s = stripped(typed.trimmed());
    // The start of a plate, from its region or first digits on; or its last four digits with what comes before them.
    static const QRegularExpression start(QStringLiteral("^(?:[\\x{AC00}-\\x{D7A3}]{2})?(?:[0-9]{1,3}|[0-9]{2,3}"
                                                         "[\\x{AC00}-\\x{D7A3}][0-9]{0,4})$"));
    static const QRegularExpression end(QStringLiteral("^(?:[\\x{AC00}-\\x{D7A3}]{0,2}[0-9]{0,3}"
                                                       "[\\x{AC00}-\\x{D7A3}])?[0-9]{4}$"));
    return start.match(s).hasMatch() || end.match(s).hasMatch() ? s : QString();
}

QStringList GuestDetails::equipmentCodes()
{
    return { QStringLiteral("tent"),    QStringLiteral("rv"),          QStringLiteral("caravan"),
             QStringLiteral("trailer"), QStringLiteral("car_camping"), QStringLiteral("none") };
}

QString GuestDetails::equipmentName(const QString& code)
{
    if (code == QLatin1String("tent"))
        return tr("Tent");
    if (code == QLatin1String("rv"))
        return tr("RV (motorhome)");
    if (code == QLatin1String("caravan"))
        return tr("Caravan");
    if (code == QLatin1String("trailer"))
        return tr("Trailer");
    if (code == QLatin1String("car_camping"))
        return tr("Car camping");
    if (code == QLatin1String("none"))
        return tr("No equipment");
    return code;
}

bool GuestDetails::takesLength(const QString& code)
{
    return code == QLatin1String("rv") || code == QLatin1String("caravan") || code == QLatin1String("trailer");
}

QString GuestDetails::lengthText(int decimetres)
{
    if (decimetres <= 0)
        return QString();
    return tr("%1 m").arg(QLocale().toString(decimetres / 10.0, 'f', decimetres % 10 == 0 ? 0 : 1));
}

Result<GuestDetails> GuestDetails::fromInput(const QString& guestName, const QStringList& typedPlates,
                                             const QString& equipment, int equipmentLengthDm, const QString& notes)
{
    GuestDetails d;
    d.guestName = guestName.trimmed();
    if (Status ok = checkText(d.guestName, tr("Guest name"), QStringLiteral("guestName"), 0, maxNameLength); !ok.ok())
        return ok.error();
    if (typedPlates.size() > maxPlates)
        return invalidInput(tr("At most %1 vehicles per stay.").arg(maxPlates), QStringLiteral("plate1"));
    for (int i = 0; i < typedPlates.size(); ++i) {
        const QString field = QStringLiteral("plate%1").arg(i + 1);
        if (typedPlates.at(i).trimmed().isEmpty())
            continue;
        const std::optional<QString> plate = normalizePlate(typedPlates.at(i));
        if (!plate) {
            return invalidInput(tr("Enter a Korean plate such as 12가3456 or 123가4567; write a foreign or "
                                   "temporary plate in the notes."),
                                field);
        }
        if (d.plates.contains(*plate))
            return invalidInput(tr("This plate is already listed."), field);
        d.plates.append(*plate);
    }
    d.equipment = equipment.trimmed();
    if (!d.equipment.isEmpty() && !equipmentCodes().contains(d.equipment))
        return invalidInput(tr("Choose the equipment from the list."), QStringLiteral("equipment"));
    d.equipmentLengthDm = equipmentLengthDm;
    if (equipmentLengthDm != 0) {
        if (!takesLength(d.equipment))
            return invalidInput(tr("A length is only for an RV, a caravan or a trailer."),
                                QStringLiteral("equipmentLength"));
        if (equipmentLengthDm < minLengthDm || equipmentLengthDm > maxLengthDm)
            return invalidInput(
                tr("The length must be between %1 and %2 m.").arg(minLengthDm / 10).arg(maxLengthDm / 10),
                QStringLiteral("equipmentLength"));
    }
    d.notes = notes.trimmed();
    if (Status ok = checkText(d.notes, tr("Notes"), QStringLiteral("notes"), 0, maxNotesLength, true); !ok.ok())
        return ok.error();
    return d;
}

} // namespace campdesk
