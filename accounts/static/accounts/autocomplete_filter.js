// accounts.admin.AutocompleteFilter: picking an object in the filter's search box (or clearing
// it) reloads the list filtered by it, from its first page.
'use strict';
{
    const $ = django.jQuery;
    $(document).on('change', 'select.autocomplete-filter', function() {
        const params = new URLSearchParams(window.location.search);
        params.delete('p');
        params.delete(this.dataset.lookup);
        if (this.value) {
            params.set(this.dataset.lookup, this.value);
        }
        window.location.search = params.toString();
    });
}
