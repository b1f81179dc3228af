"""Chatter's File Summary body and the paths of the files resources in each API version."""

from files.chatter import Call, page_urls, sf_date
from files.models import File, FileVersion
from files.profiles import user_summary

# Salesforce names the file type after the extension ("Png", "Pdf", "Jpeg"...)
FILE_TYPES = {"jpg": "Jpg", "jpeg": "Jpeg", "png": "Png", "gif": "Gif", "bmp": "Bmp",
              "pdf": "Pdf", "txt": "Text", "csv": "Csv", "doc": "Word", "docx": "Word_x",
              "xls": "Excel", "xlsx": "Excel_x", "ppt": "Power_point",
              "pptx": "Power_point_x", "zip": "Zip", "webp": "Webp", "html": "Html"}


def files_root(call: Call) -> str:
    """``chatter/files/`` up to 35.0, ``connect/files/`` from 36.0."""
    return f"{call.base}{'chatter' if call.since(until='35.0') else 'connect'}/files/"


def user_files_path(call: Call, user_id: str) -> str:
    if call.since(until="35.0"):
        return f"{call.base}chatter/users/{user_id}/files"
    return f"{call.base}connect/files/users/{user_id}"


def file_summary(call: Call, version: FileVersion, latest: FileVersion | None = None) -> dict:
    file: File = version.file
    root = f"{files_root(call)}{file.sfid}"
    latest = latest or version
    return {
        "checksum": version.checksum,
        "contentModifiedDate": sf_date(version.created_at),
        "contentSize": version.byte_size,
        "contentUrl": None,
        "createdDate": sf_date(file.created_at),
        "description": version.description or None,
        "downloadUrl": f"{root}/content?versionNumber={version.number}",
        "fileExtension": version.extension or None,
        "fileType": FILE_TYPES.get(version.extension, version.extension.capitalize() or
                                   "Unknown"),
        "flashRenditionStatus": "Na",
        "id": file.sfid,
        "isInMyFileSync": False,
        "isMajorVersion": True,
        "latestPublishedVersionId": latest.sfid,
        "mimeType": version.mime_type,
        "modifiedDate": sf_date(version.created_at),
        "mySubscription": None,
        "name": version.title,
        "origin": "Chatter",
        "owner": user_summary(call, file.owner),
        "pageCount": 0,
        "pdfRenditionStatus": "Na",
        "publishStatus": "PrivateAccess",
        "renditionUrl": None,
        "renditionUrl240By180": None,
        "renditionUrl720By480": None,
        "sharingRole": "Owner" if call.user.pk == file.owner_id else "Viewer",
        "thumb120By90RenditionStatus": "Na",
        "thumb240By180RenditionStatus": "Na",
        "thumb720By480RenditionStatus": "Na",
        "title": version.title,
        "type": "File",
        "url": f"{root}?versionNumber={version.number}",
        "versionNumber": str(version.number),
    }


def file_page(call: Call, path: str, versions, page: int, size: int, total: int) -> dict:
    return {"files": [file_summary(call, version) for version in versions],
            **page_urls(call, path, page, size, total)}
