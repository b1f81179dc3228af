"""The fields of each module, as Zoho's fields metadata API (``settings/fields?module=``) lists
them: the real API names, labels and data types of the standard modules of Zoho CRM and Bigin,
and the fields Zoho gives every custom module.

Plain data (no models): ``photos.dialects.zoho.presenters`` turns a row into Zoho's field body.
A record stores whatever fields it is given (``records.services.validate_record_data``); this is
what the metadata API tells clients (Zoho's SDKs read it before sending records) they may send.

A row: ``(api_name, field_label, data_type)`` and, for some, a dict of extras: ``mandatory``
(Zoho's ``system_mandatory``), ``read_only``, ``lookup`` (the module a lookup names),
``values`` (a picklist's values), ``length``.
"""

from photos.dialects.zoho.params import BIGIN, CRM

# the fields every module has, Zoho's own (set by Zoho, read only but for the owner)
OWNER = ("Owner", "{singular} Owner", "ownerlookup")
SYSTEM = [
    ("Created_By", "Created By", "ownerlookup", {"read_only": True}),
    ("Modified_By", "Modified By", "ownerlookup", {"read_only": True}),
    ("Created_Time", "Created Time", "datetime", {"read_only": True}),
    ("Modified_Time", "Modified Time", "datetime", {"read_only": True}),
    ("Tag", "Tag", "text", {"read_only": True}),
]
IMAGE = ("Record_Image", "{singular} Image", "profileimage")
DESCRIPTION = ("Description", "Description", "textarea", {"length": 32000})
MANDATORY = {"mandatory": True}
LEAD_SOURCES = ["-None-", "Advertisement", "Cold Call", "Employee Referral", "External Referral",
                "Online Store", "Partner", "Public Relations", "Sales Email Alias",
                "Seminar Partner", "Internal Seminar", "Trade Show", "Web Download",
                "Web Research", "Chat"]
SALUTATIONS = ["-None-", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof."]
INDUSTRIES = ["-None-", "ASP (Application Service Provider)", "Data/Telecom OEM", "ERP (Enterprise "
              "Resource Planning)", "Government/Military", "Large Enterprise",
              "ManagementISV", "MSP (Management Service Provider)", "Network Equipment "
              "Enterprise", "Non-management ISV", "Optical Networking", "Service Provider",
              "Small/Medium Enterprise", "Storage Equipment", "Storage Service Provider",
              "Systems Integrator", "Wireless Industry"]
TASK_STATUSES = ["Not Started", "Deferred", "In Progress", "Completed", "Waiting for input"]
PRIORITIES = ["High", "Highest", "Low", "Lowest", "Normal"]
STAGES = ["Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
          "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won",
          "Closed Lost", "Closed Lost to Competition"]


def _person(address_prefix: str) -> list:
    """A person's fields (Leads, Contacts)."""
    return [
        ("Salutation", "Salutation", "picklist", {"values": SALUTATIONS}),
        ("First_Name", "First Name", "text", {"length": 40}),
        ("Last_Name", "Last Name", "text", {**MANDATORY, "length": 80}),
        ("Full_Name", "{singular} Name", "text", {"read_only": True}),
        ("Email", "Email", "email", {"length": 100}),
        ("Secondary_Email", "Secondary Email", "email", {"length": 100}),
        ("Phone", "Phone", "phone", {"length": 30}),
        ("Mobile", "Mobile", "phone", {"length": 30}),
        ("Fax", "Fax", "phone", {"length": 30}),
        ("Email_Opt_Out", "Email Opt Out", "boolean"),
        ("Skype_ID", "Skype ID", "text", {"length": 50}),
        ("Twitter", "Twitter", "text", {"length": 50}),
        ("Lead_Source", "Lead Source", "picklist", {"values": LEAD_SOURCES}),
        (f"{address_prefix}Street", "Street", "text", {"length": 250}),
        (f"{address_prefix}City", "City", "text", {"length": 100}),
        (f"{address_prefix}State", "State", "text", {"length": 100}),
        (f"{address_prefix}{'Zip' if address_prefix else 'Zip_Code'}", "Zip Code", "text",
         {"length": 30}),
        (f"{address_prefix}Country", "Country", "text", {"length": 100}),
    ]


_CRM = {
    "Leads": [
        *_person(""),
        ("Company", "Company", "text", {"length": 200}),
        ("Designation", "Title", "text", {"length": 100}),
        ("Website", "Website", "website", {"length": 255}),
        ("Lead_Status", "Lead Status", "picklist", {"values": [
            "-None-", "Attempted to Contact", "Contact in Future", "Contacted", "Junk Lead",
            "Lost Lead", "Not Contacted", "Pre-Qualified", "Not Qualified"]}),
        ("Industry", "Industry", "picklist", {"values": INDUSTRIES}),
        ("No_of_Employees", "No. of Employees", "integer"),
        ("Annual_Revenue", "Annual Revenue", "currency"),
        ("Rating", "Rating", "picklist", {"values": ["-None-", "Acquired", "Active",
                                                     "Market Failed", "Project Cancelled",
                                                     "Shut Down"]}),
    ],
    "Contacts": [
        *_person("Mailing_"),
        ("Account_Name", "Account Name", "lookup", {"lookup": "Accounts"}),
        ("Title", "Title", "text", {"length": 100}),
        ("Department", "Department", "text", {"length": 100}),
        ("Home_Phone", "Home Phone", "phone", {"length": 30}),
        ("Other_Phone", "Other Phone", "phone", {"length": 30}),
        ("Date_of_Birth", "Date of Birth", "date"),
        ("Assistant", "Assistant", "text", {"length": 100}),
        ("Asst_Phone", "Asst Phone", "phone", {"length": 30}),
    ],
    "Accounts": [
        ("Account_Name", "Account Name", "text", {**MANDATORY, "length": 200}),
        ("Account_Number", "Account Number", "text", {"length": 40}),
        ("Account_Site", "Account Site", "text", {"length": 80}),
        ("Account_Type", "Account Type", "picklist", {"values": [
            "-None-", "Analyst", "Competitor", "Customer", "Distributor", "Integrator",
            "Investor", "Other", "Partner", "Press", "Prospect", "Reseller", "Supplier",
            "Vendor"]}),
        ("Industry", "Industry", "picklist", {"values": INDUSTRIES}),
        ("Annual_Revenue", "Annual Revenue", "currency"),
        ("Employees", "Employees", "integer"),
        ("Phone", "Phone", "phone", {"length": 30}),
        ("Fax", "Fax", "phone", {"length": 30}),
        ("Website", "Website", "website", {"length": 255}),
        ("Ownership", "Ownership", "picklist", {"values": [
            "-None-", "Other", "Private", "Public", "Subsidiary", "Partnership",
            "Government", "Privately Held", "Public Company"]}),
        ("Billing_Street", "Billing Street", "text", {"length": 250}),
        ("Billing_City", "Billing City", "text", {"length": 30}),
        ("Billing_State", "Billing State", "text", {"length": 30}),
        ("Billing_Code", "Billing Code", "text", {"length": 30}),
        ("Billing_Country", "Billing Country", "text", {"length": 30}),
    ],
    "Products": [
        ("Product_Name", "Product Name", "text", {**MANDATORY, "length": 200}),
        ("Product_Code", "Product Code", "text", {"length": 40}),
        ("Product_Active", "Product Active", "boolean"),
        ("Product_Category", "Product Category", "picklist", {"values": [
            "-None-", "Hardware", "Software", "CRM Applications"]}),
        ("Manufacturer", "Manufacturer", "picklist", {"values": [
            "-None-", "AltvetPet Inc.", "LexPro Inc.", "MetBeat Corp."]}),
        ("Vendor_Name", "Vendor Name", "lookup", {"lookup": "Vendors"}),
        ("Unit_Price", "Unit Price", "currency"),
        ("Qty_in_Stock", "Qty in Stock", "double"),
        ("Sales_Start_Date", "Sales Start Date", "date"),
        ("Sales_End_Date", "Sales End Date", "date"),
    ],
    "Vendors": [
        ("Vendor_Name", "Vendor Name", "text", {**MANDATORY, "length": 100}),
        ("Email", "Email", "email", {"length": 100}),
        ("Phone", "Phone", "phone", {"length": 30}),
        ("Website", "Website", "website", {"length": 255}),
        ("GL_Account", "GL Account", "picklist", {"values": [
            "-None-", "Sales-Hardware", "Sales-Software", "Rental-Income", "Interest-Income"]}),
        ("Category", "Category", "text", {"length": 100}),
        ("Street", "Street", "text", {"length": 250}),
        ("City", "City", "text", {"length": 30}),
        ("State", "State", "text", {"length": 30}),
        ("Zip_Code", "Zip Code", "text", {"length": 30}),
        ("Country", "Country", "text", {"length": 30}),
    ],
    "Deals": [
        ("Deal_Name", "Deal Name", "text", {**MANDATORY, "length": 120}),
        ("Amount", "Amount", "currency"),
        ("Stage", "Stage", "picklist", {**MANDATORY, "values": STAGES}),
        ("Closing_Date", "Closing Date", "date", MANDATORY),
        ("Probability", "Probability (%)", "integer"),
        ("Account_Name", "Account Name", "lookup", {"lookup": "Accounts"}),
        ("Contact_Name", "Contact Name", "lookup", {"lookup": "Contacts"}),
        ("Lead_Source", "Lead Source", "picklist", {"values": LEAD_SOURCES}),
        ("Next_Step", "Next Step", "text", {"length": 100}),
    ],
    "Campaigns": [
        ("Campaign_Name", "Campaign Name", "text", {**MANDATORY, "length": 120}),
        ("Type", "Type", "picklist", {"values": [
            "-None-", "Conference", "Webinar", "Trade Show", "Public Relations", "Partners",
            "Referral Program", "Advertisement", "Banner Ads", "Direct mail", "Email",
            "Telemarketing", "Others"]}),
        ("Status", "Status", "picklist", {"values": [
            "-None-", "Planning", "Active", "Inactive", "Complete"]}),
        ("Start_Date", "Start Date", "date"),
        ("End_Date", "End Date", "date"),
        ("Budgeted_Cost", "Budgeted Cost", "currency"),
        ("Expected_Revenue", "Expected Revenue", "currency"),
    ],
    "Tasks": [
        ("Subject", "Subject", "text", {**MANDATORY, "length": 300}),
        ("Due_Date", "Due Date", "date"),
        ("Status", "Status", "picklist", {"values": TASK_STATUSES}),
        ("Priority", "Priority", "picklist", {"values": PRIORITIES}),
    ],
    "Events": [
        ("Event_Title", "Title", "text", {**MANDATORY, "length": 255}),
        ("Venue", "Location", "text", {"length": 255}),
        ("Start_DateTime", "From", "datetime", MANDATORY),
        ("End_DateTime", "To", "datetime", MANDATORY),
        ("All_day", "All day", "boolean"),
    ],
    "Calls": [
        ("Subject", "Subject", "text", {**MANDATORY, "length": 300}),
        ("Call_Type", "Call Type", "picklist", {**MANDATORY, "values": [
            "Outbound", "Inbound", "Missed"]}),
        ("Call_Start_Time", "Call Start Time", "datetime", MANDATORY),
        ("Call_Duration", "Call Duration", "text", {"length": 10}),
        ("Call_Result", "Call Result", "picklist", {"values": [
            "-None-", "Interested", "Not interested", "No response/Busy", "Requested more info",
            "Requested call back", "Invalid number"]}),
    ],
    "Quotes": [
        ("Subject", "Subject", "text", {**MANDATORY, "length": 300}),
        ("Quote_Stage", "Quote Stage", "picklist", {"values": [
            "Draft", "Negotiation", "Delivered", "On Hold", "Confirmed", "Closed Won",
            "Closed Lost"]}),
        ("Valid_Till", "Valid Till", "date"),
        ("Account_Name", "Account Name", "lookup", {**MANDATORY, "lookup": "Accounts"}),
        ("Grand_Total", "Grand Total", "currency", {"read_only": True}),
    ],
    "Sales_Orders": [
        ("Subject", "Subject", "text", {**MANDATORY, "length": 300}),
        ("Status", "Status", "picklist", {"values": [
            "Created", "Approved", "Delivered", "Cancelled"]}),
        ("Due_Date", "Due Date", "date"),
        ("Account_Name", "Account Name", "lookup", {**MANDATORY, "lookup": "Accounts"}),
        ("Grand_Total", "Grand Total", "currency", {"read_only": True}),
    ],
    "Purchase_Orders": [
        ("Subject", "Subject", "text", {**MANDATORY, "length": 300}),
        ("Status", "Status", "picklist", {"values": [
            "Created", "Approved", "Delivered", "Cancelled"]}),
        ("PO_Date", "PO Date", "date"),
        ("Vendor_Name", "Vendor Name", "lookup", {**MANDATORY, "lookup": "Vendors"}),
        ("Grand_Total", "Grand Total", "currency", {"read_only": True}),
    ],
    "Invoices": [
        ("Subject", "Subject", "text", {**MANDATORY, "length": 300}),
        ("Status", "Status", "picklist", {"values": [
            "Created", "Approved", "Delivered", "Cancelled"]}),
        ("Invoice_Date", "Invoice Date", "date"),
        ("Due_Date", "Due Date", "date"),
        ("Account_Name", "Account Name", "lookup", {**MANDATORY, "lookup": "Accounts"}),
        ("Grand_Total", "Grand Total", "currency", {"read_only": True}),
    ],
    "Price_Books": [
        ("Price_Book_Name", "Price Book Name", "text", {**MANDATORY, "length": 50}),
        ("Active", "Active", "boolean"),
        ("Pricing_Model", "Pricing Model", "picklist", {"values": [
            "-None-", "Flat", "Differential"]}),
    ],
    "Cases": [
        ("Subject", "Subject", "text", {**MANDATORY, "length": 255}),
        ("Status", "Status", "picklist", {**MANDATORY, "values": [
            "New", "On Hold", "Escalated", "Closed"]}),
        ("Priority", "Priority", "picklist", {"values": ["-None-", "High", "Medium", "Low"]}),
        ("Case_Origin", "Case Origin", "picklist", {**MANDATORY, "values": [
            "-None-", "Email", "Phone", "Web"]}),
        ("Email", "Email", "email", {"length": 100}),
        ("Phone", "Phone", "phone", {"length": 50}),
    ],
    "Solutions": [
        ("Solution_Title", "Solution Title", "text", {**MANDATORY, "length": 300}),
        ("Status", "Status", "picklist", {"values": [
            "-None-", "Draft", "Reviewed", "Published"]}),
        ("Question", "Question", "textarea", {"length": 32000}),
        ("Answer", "Answer", "textarea", {"length": 32000}),
    ],
}

_BIGIN = {
    "Contacts": [
        ("First_Name", "First Name", "text", {"length": 40}),
        ("Last_Name", "Last Name", "text", {**MANDATORY, "length": 80}),
        ("Full_Name", "Contact Name", "text", {"read_only": True}),
        ("Account_Name", "Company Name", "lookup", {"lookup": "Accounts"}),
        ("Title", "Title", "text", {"length": 100}),
        ("Email", "Email", "email", {"length": 100}),
        ("Mobile", "Mobile", "phone", {"length": 30}),
        ("Home_Phone", "Home Phone", "phone", {"length": 30}),
        ("Email_Opt_Out", "Email Opt Out", "boolean"),
        ("Mailing_Street", "Mailing Street", "text", {"length": 250}),
        ("Mailing_City", "Mailing City", "text", {"length": 100}),
        ("Mailing_State", "Mailing State", "text", {"length": 100}),
        ("Mailing_Zip", "Mailing Zip", "text", {"length": 30}),
        ("Mailing_Country", "Mailing Country", "text", {"length": 100}),
    ],
    "Accounts": [
        ("Account_Name", "Company Name", "text", {**MANDATORY, "length": 200}),
        ("Phone", "Phone", "phone", {"length": 30}),
        ("Website", "Website", "website", {"length": 255}),
        ("Billing_Street", "Street", "text", {"length": 250}),
        ("Billing_City", "City", "text", {"length": 30}),
        ("Billing_State", "State", "text", {"length": 30}),
        ("Billing_Code", "Zip Code", "text", {"length": 30}),
        ("Billing_Country", "Country", "text", {"length": 30}),
    ],
    "Products": [
        ("Product_Name", "Product Name", "text", {**MANDATORY, "length": 200}),
        ("Product_Code", "Product Code", "text", {"length": 40}),
        ("Product_Active", "Product Active", "boolean"),
        ("Product_Category", "Product Category", "picklist", {"values": ["-None-"]}),
        ("Unit_Price", "Unit Price", "currency"),
    ],
    "Pipelines": [
        ("Deal_Name", "Deal Name", "text", {**MANDATORY, "length": 120}),
        ("Amount", "Amount", "currency"),
        ("Stage", "Stage", "picklist", {**MANDATORY, "values": [
            "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review",
            "Closed Won", "Closed Lost"]}),
        ("Closing_Date", "Closing Date", "date"),
        ("Account_Name", "Company Name", "lookup", {"lookup": "Accounts"}),
        ("Contact_Name", "Contact Name", "lookup", {"lookup": "Contacts"}),
    ],
    "Tasks": _CRM["Tasks"],
    "Events": _CRM["Events"],
    "Calls": _CRM["Calls"][:4],
}

# the fields of every custom module (Zoho makes them with the module)
CUSTOM = [
    ("Name", "{singular} Name", "text", {**MANDATORY, "length": 120}),
    ("Email", "Email", "email", {"length": 100}),
    ("Secondary_Email", "Secondary Email", "email", {"length": 100}),
    ("Email_Opt_Out", "Email Opt Out", "boolean"),
    ("Last_Activity_Time", "Last Activity Time", "datetime", {"read_only": True}),
]

STANDARD = {CRM: _CRM, BIGIN: _BIGIN}


def fields_of(module) -> list[tuple[str, str, str, dict]]:
    """The fields of ``module`` (a ``records.models.Module``), as four-tuples: Zoho's owner
    first, the module's own, its photo field when it holds photos, then Zoho's system fields;
    labels name the module (``Lead Owner``)."""
    own = CUSTOM if module.is_custom else STANDARD[module.product].get(module.api_name, [])
    rows = [OWNER, *own, DESCRIPTION]
    if module.photos_supported:
        rows.append(IMAGE)
    rows += SYSTEM
    return [(api_name, label.format(singular=module.singular_label), data_type,
             extras[0] if extras else {}) for api_name, label, data_type, *extras in rows]
