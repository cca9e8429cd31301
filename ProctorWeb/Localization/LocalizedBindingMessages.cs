using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Text;

namespace ProctorWeb.Localization;

/// <summary>Model binding's own messages (a date or number that does not parse) in the reader's language.</summary>
public sealed class LocalizedBindingMessages(IStringLocalizer<SharedText> text) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => text["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => text["A value for {0} was not provided.", field]);
        messages.SetMissingKeyOrValueAccessor(() => text["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["A value is required."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["The value is not valid."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Type a number."]);
        messages.SetUnknownValueIsInvalidAccessor(field => text["The value is not valid for {0}.", field]);
        messages.SetValueIsInvalidAccessor(value => text["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(field => text["{0} must be a number.", field]);
        messages.SetValueMustNotBeNullAccessor(value => text["The value '{0}' is not valid.", value]);
    }
}
