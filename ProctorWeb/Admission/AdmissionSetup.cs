namespace ProctorWeb.Admission;

public static class AdmissionSetup
{
    public static IServiceCollection AddAdmission(this IServiceCollection services)
    {
        services.AddScoped<IdPhotos>();
        return services;
    }
}
