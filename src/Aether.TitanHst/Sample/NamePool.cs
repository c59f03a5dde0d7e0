namespace Aether.TitanHst.Sample
{
    /// <summary>
    /// First and last names for the sample district. Aeries exports Windows-1252, so every Aeries spelling keeps
    /// to Latin-1 (Peña, José, Zoë, O'Brien); a few HR spellings go beyond it (Nguyễn), with the Latin-1 spelling
    /// Aeries holds for the same person after the '|'.
    /// </summary>
    internal static class NamePool
    {
        internal static readonly string[] FirstNames =
        {
            "Maria", "José", "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
            "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
            "Carlos", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Margaret",
            "Luis", "Sandra", "Steven", "Ashley", "Paul", "Kimberly", "Andrew", "Emily", "Joshua", "Donna",
            "Juan", "Michelle", "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa", "Timothy", "Deborah",
            "Jorge", "Stephanie", "Ryan", "Rebecca", "Jacob", "Sharon", "Gary", "Laura", "Nicholas", "Cynthia",
            "Miguel", "Angela", "Eric", "Guadalupe", "Jonathan", "Rosa", "Stephen", "Ana", "Larry", "Sofía",
            "Justin", "Verónica", "Scott", "Zoë", "Brandon", "Renée", "Benjamin", "Chloé", "Samuel", "Inés",
            "Raúl", "Beatriz", "Andrés", "Mónica", "Héctor", "Ramón", "Noémie", "Björn", "François", "Siobhán",
            "DeShawn", "LaToya", "Mary-Jo", "Anh", "Minh", "Thuy", "Priya", "Rajesh", "Mei", "Wei",
            "Aaliyah", "Tyrone", "Keisha", "Darnell", "Kenji", "Yuki", "Hana", "Omar", "Fatima", "Ahmed",
            "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Mia", "Mason", "Isabella", "Lucas",
        };

        internal static readonly string[] LastNames =
        {
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
            "Lee", "Pérez", "Thompson", "White", "Harris", "Sánchez", "Clark", "Ramírez", "Lewis", "Robinson",
            "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
            "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
            "Peña", "Muñoz", "Ibáñez", "Gómez", "Díaz", "Cruz", "Reyes", "Morales", "Ortiz", "Gutiérrez",
            "O'Brien", "O'Connor", "McDonald", "McKenzie", "MacArthur", "D'Angelo", "Smith, Jr.", "Johnson, III", "Brown-Lee", "García-López",
            "Müller", "Schröder", "Nuñez", "Løvland", "Çelik", "Sørensen", "Dubois", "Lefèvre", "Côté", "Gagné",
            "Tran", "Pham", "Le", "Vo", "Huynh", "Kim", "Park", "Chen", "Wang", "Patel",
            "Singh", "Shah", "Yamamoto", "Tanaka", "Khan", "Ali", "Okafor", "Mensah", "Washington", "Jefferson",
            "van der Berg", "de la Cruz", "St. John", "Fitzgerald", "Sullivan", "Murphy", "Kelly", "Bailey", "Cooper", "Reed",
            "Nguyễn|Nguyen", "Trần|Tran", "Phạm|Pham", "Đặng|Dang", "Lê|Le", "Hoàng|Hoang",
        };

        /// <summary>Splits a pool entry into the HR spelling and the Aeries (Latin-1) spelling.</summary>
        internal static (string Hr, string Aeries) Spellings(string entry)
        {
            var bar = entry.IndexOf('|');
            return bar < 0 ? (entry, entry) : (entry.Substring(0, bar), entry.Substring(bar + 1));
        }
    }
}
